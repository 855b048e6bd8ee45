package lab.idioms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LabChannelTest {
  @RegisterExtension final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final CountDownLatch arrived = new CountDownLatch(1);

  @Test
  void closingWaitsForCallsThenCancelsOneThatDoesNotFinish() throws Exception {
    // A handler that never answers: only the channel's forced close can end its call.
    Server server = grpc.register(NettyServerBuilder
        .forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new RouteGuideGrpc.RouteGuideImplBase() {
          @Override public void getFeature(Point request, StreamObserver<Feature> reply) {
            arrived.countDown();
          }
        }).build().start());
    ReplyFuture<Feature> reply = new ReplyFuture<>();
    LabChannel lab = LabChannel.plaintext("127.0.0.1:" + server.getPort());
    RouteGuideGrpc.newStub(lab.channel()).getFeature(Point.getDefaultInstance(), reply);
    assertTrue(arrived.await(10, TimeUnit.SECONDS));

    lab.close(); // waits 5 s for the call, then forces

    assertTrue(lab.channel().isTerminated(), "no thread or connection left behind");
    var e = assertThrowsCause(reply);
    assertEquals(Status.Code.UNAVAILABLE, e.getCode(), e.toString());
  }

  private static Status assertThrowsCause(ReplyFuture<Feature> reply) throws Exception {
    try {
      reply.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the call should have been ended by the forced close");
    } catch (java.util.concurrent.ExecutionException e) {
      return Status.fromThrowable(e.getCause());
    }
  }
}
