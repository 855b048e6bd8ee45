package lab.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every bound of the store answers with a status naming it, over a real connection (status
 * messages travel in HTTP/2 headers, so their size matters there and not in-process).
 */
class VideoStoreLimitsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private VideoServiceGrpc.VideoServiceBlockingStub overNetty(VideoStore store) throws Exception {
    LabServer server = LabServer.onPort(0).addService(new VideoService(store)).start();
    grpc.register(server.server());
    return VideoServiceGrpc.newBlockingStub(grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", server.port()).usePlaintext().build()));
  }

  @Test
  void anIdOverTheLimitIsInvalidArgumentNamingTheLimitEvenWhenItIsAMegabyte() throws Exception {
    var stub = overNetty(new VideoStore());
    String huge = "x".repeat(1 << 20);

    Status status = statusOf(() -> stub.addVideo(Videos.sized(huge, 16)));

    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("id must be at most 128 characters, was 1048576", status.getDescription());
    assertEquals("ok", stub.addVideo(Videos.sized("ok", 16)).getVideo().getId(), "still serving");
  }

  @Test
  void statusMessagesQuoteOnlyTheStartOfALongIdSoTheRealCodeArrives() throws Exception {
    // A store that allows 100 KB ids: before ids were cut short in messages, the duplicate's
    // ALREADY_EXISTS reached a grpc-java client as INTERNAL (the header was too large).
    var stub = overNetty(new VideoStore(new VideoStore.Limits(100_000, 10, 1 << 20, 1 << 20)));
    String longId = "y".repeat(100_000);
    stub.addVideo(Videos.sized(longId, 16));

    Status status = statusOf(() -> stub.addVideo(Videos.sized(longId, 16)));

    assertEquals(Status.Code.ALREADY_EXISTS, status.getCode());
    assertEquals("video with id \"" + "y".repeat(64) + "...\" (100000 characters) already exists",
        status.getDescription());
  }

  @Test
  void aFullStoreAnswersResourceExhaustedNamingWhichLimitWasReached() throws Exception {
    var byCount = overNetty(new VideoStore(new VideoStore.Limits(128, 2, 1 << 20)));
    byCount.addVideo(Videos.sized("a", 16));
    byCount.addVideo(Videos.sized("b", 16));
    Status full = statusOf(() -> byCount.addVideo(Videos.sized("c", 16)));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, full.getCode());
    assertEquals("the store holds at most 2 videos", full.getDescription());

    var byBytes = overNetty(new VideoStore(new VideoStore.Limits(128, 100, 3_000)));
    byBytes.addVideo(Videos.sized("a", 2_000));
    Status tooBig = statusOf(() -> byBytes.addVideo(Videos.sized("b", 2_000)));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, tooBig.getCode());
    assertEquals("the store holds at most 3000 bytes of videos", tooBig.getDescription());
    assertTrue(byBytes.addVideo(Videos.sized("small", 16)).hasVideo(), "room left is still used");
  }

  @Test
  void aVideoOverSixtyFourKibibytesIsInvalidArgumentNamingTheLimitAndOneOfExactlyThatIsStored()
      throws Exception {
    var stub = overNetty(new VideoStore());
    int withoutUrl = Videos.sized("exact", 0).getSerializedSize(); // an empty url is not sent
    Video exact = Videos.sized("exact", 64 * 1024 - withoutUrl - 4); // url: a tag, 3-byte length
    assertEquals(64 * 1024, exact.getSerializedSize(), "the test's video is the limit");
    assertEquals("exact", stub.addVideo(exact).getVideo().getId());

    Video fourMegabytes = Videos.sized("big", 4_000_000);
    Status status = statusOf(() -> stub.addVideo(fourMegabytes));
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("a video must be at most 65536 bytes, was "
        + fourMegabytes.getSerializedSize(), status.getDescription());
    assertEquals(Status.Code.INVALID_ARGUMENT, statusOf(() -> stub.addVideo(
        exact.toBuilder().setId("exac2").setUrl(exact.getUrl() + "u").build())).getCode(),
        "one byte over the limit");
  }

  private static Status statusOf(Supplier<?> call) {
    return assertThrows(StatusRuntimeException.class, call::get).getStatus();
  }
}
