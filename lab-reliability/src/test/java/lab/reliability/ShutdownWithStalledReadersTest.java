package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.RawH2;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which calls a forced shutdown ends with UNAVAILABLE, and which with CANCELLED. After the
 * grace, LabServer ends every call still running with UNAVAILABLE "server shutting down". A
 * status travels in trailers, a HEADERS frame, which HTTP/2 flow control does not hold back;
 * but on one stream frames leave in order, so trailers queued behind DATA the client has no
 * window for cannot leave either. For such a stream (a reader that stopped reading with a
 * reply pending) only the stream reset of the final stop remains: that client sees CANCELLED,
 * which retry policies do not retry. Its stream was stuck anyway; every other call gets
 * UNAVAILABLE.
 */
class ShutdownWithStalledReadersTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void aCallWaitingForRequestsGetsUnavailableAndAReaderWithNoWindowLeftGetsAStreamReset()
      throws Exception {
    VideoStore store = new VideoStore();
    store.add(Video.newBuilder().setId("1").setTitle("a video").build());
    LabServer server = LabServer.onPort(0).addService(new VideoService(store)).start();
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build());

    // A ping-pong call, answered once and left open: the server waits for its next request.
    StreamCollector<Video> waiting = new StreamCollector<>();
    StreamObserver<VideoRequest> requests = VideoServiceGrpc.newStub(channel).getVideo(waiting);
    requests.onNext(VideoRequest.newBuilder().setId("1").build());
    waiting.next(Duration.ofSeconds(30));

    // A ListVideos reader that gives the server a window of 0 bytes: its reply stays queued.
    try (RawH2 stalled = RawH2.connect(server.port(), Map.of(RawH2.INITIAL_WINDOW_SIZE, 0))) {
      int stream = stalled.openGrpcStream("/video_service.VideoService/ListVideos", false);
      stalled.data(stream, RawH2.grpcMessage(new byte[0]), true);
      stalled.flush();
      assertTrue(stalled.awaitReceived(RawH2.HEADERS, 1, Duration.ofSeconds(30)),
          "the reply has started: its headers are out, its first video is queued");

      server.shutdownGracefully(Duration.ofSeconds(1));

      Status status = waiting.awaitStatus(Duration.ofSeconds(30));
      assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
      assertEquals("server shutting down", status.getDescription());
      assertEquals(RawH2.CANCEL, stalled.firstReset().get(30, TimeUnit.SECONDS),
          "the stalled reader's stream is reset (CANCELLED), its trailers never left");
      assertEquals(1, stalled.received(RawH2.HEADERS), "no trailers reached it");
    }
  }
}
