package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.contracts.v1.RetireVideoRequest;
import lab.proto.contracts.v2.CountVideosRequest;
import lab.proto.contracts.v2.GetVideoRequest;
import lab.proto.contracts.v2.ListVideosRequest;
import lab.proto.contracts.v2.Video;
import lab.testing.GrpcCleanupExtension;
import lab.testing.RawBytes;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generic proxy (lab-services' ProxyRegistry, mounted by ContractProxy) between clients
 * and servers of different contract versions, over loopback: it forwards bytes, so what a
 * version mismatch does through it is exactly what it does direct.
 */
class ProxyTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  /** A channel to a proxy in front of {@code backend}. */
  private ManagedChannel throughProxy(ManagedChannel backend) throws Exception {
    LabServer proxy = ContractProxy.start(0, backend);
    grpc.register(proxy.server());
    return grpc.register(NettyChannelBuilder.forAddress("127.0.0.1", proxy.port())
        .usePlaintext().build());
  }

  @Test
  void aNewClientThroughTheProxyToAnOldServerSeesWhatItSeesDirect() throws Exception {
    ManagedChannel proxy = throughProxy(Wire.serve(grpc, new CatalogV1Service()));
    var added = Wire.v2(proxy).addVideo(Video.newBuilder().setTitle("Cats")
        .setDescription("two cats, one box").setViews(5_000_000_000L).build());
    assertEquals("two cats, one box", Wire.v2(proxy).getVideo(GetVideoRequest.newBuilder()
        .setId(added.getId()).build()).getDescription());
    assertEquals(705_032_704L, added.getViews(), "the old server's truncation, not the proxy's");
    var e = assertThrows(StatusRuntimeException.class,
        () -> Wire.v2(proxy).countVideos(CountVideosRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    assertEquals("Method not found: catalog.Catalog/CountVideos", e.getStatus().getDescription(),
        "the backend's answer, forwarded");
  }

  @Test
  void anOldClientThroughTheProxyToANewServerGetsTheBackendsStatuses() throws Exception {
    ManagedChannel proxy = throughProxy(Wire.serve(grpc, new CatalogV2Service()));
    var e = assertThrows(StatusRuntimeException.class, () -> Wire.v1(proxy)
        .retireVideo(RetireVideoRequest.newBuilder().setId(1).build()));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    var missing = assertThrows(StatusRuntimeException.class, () -> Wire.v1(proxy)
        .getVideo(lab.proto.contracts.v1.GetVideoRequest.newBuilder().setId(7).build()));
    assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    assertEquals("no video 7", missing.getStatus().getDescription());
  }

  @Test
  void bidiAndServerStreamsPassThroughTheProxyInOrder() throws Exception {
    ManagedChannel proxy = throughProxy(Wire.serve(grpc, new CatalogV2Service()));
    var async = lab.proto.contracts.v2.CatalogGrpc.newStub(proxy)
        .withDeadlineAfter(20, TimeUnit.SECONDS);
    var imported = new StreamCollector<Video>();
    var upload = async.importVideos(imported);
    for (int i = 1; i <= 50; i++) {
      upload.onNext(Video.newBuilder().setTitle("video " + i).build());
    }
    upload.onCompleted();
    List<Video> stored = imported.awaitReplies(WAIT);
    assertEquals(50, stored.size());
    assertEquals(50, stored.get(49).getId());

    var listed = StreamCollector.<Video>readingOnly(5);
    async.listVideos(ListVideosRequest.getDefaultInstance(), listed);
    for (int i = 1; i <= 5; i++) {
      assertEquals("video " + i, listed.next(WAIT).getTitle());
    }
    listed.request(100);
    assertEquals(50, listed.awaitReplies(WAIT).size());
  }

  @Test
  void reflectionThroughTheProxyDescribesTheBackendsServices() throws Exception {
    ManagedChannel proxy = throughProxy(Wire.serve(grpc, new CatalogV1Service()));
    // ServerReflectionRequest{list_services: ""} as bytes: the proxy has no reflection of its
    // own, so the backend answers, naming catalog.Catalog.
    byte[] answer = ClientCalls.blockingUnaryCall(proxy,
        RawBytes.unary("grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
        CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), new byte[] {0x3a, 0x00});
    assertTrue(new String(answer, StandardCharsets.UTF_8).contains("catalog.Catalog"));
  }
}
