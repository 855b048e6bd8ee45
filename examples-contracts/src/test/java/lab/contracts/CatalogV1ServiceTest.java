package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.contracts.v1.CatalogGrpc;
import lab.proto.contracts.v1.GetVideoRequest;
import lab.proto.contracts.v1.ListVideosRequest;
import lab.proto.contracts.v1.RetireVideoRequest;
import lab.proto.contracts.v1.Video;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Version 1's own methods, streams included, and RetireVideo, which version 2 dropped; the
 * title check of version 1 and of the broken contract.
 */
class CatalogV1ServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void retireVideoAnswersTheVideoRemovedAndThenItIsNotFound() {
    ManagedChannel channel = grpc.inProcessChannel(new CatalogV1Service());
    var catalog = CatalogGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    int id = catalog.addVideo(Video.newBuilder().setTitle("Cats").build()).getId();
    var retire = RetireVideoRequest.newBuilder().setId(id).build();
    assertEquals("Cats", catalog.retireVideo(retire).getTitle());
    var gone = assertThrows(StatusRuntimeException.class,
        () -> catalog.getVideo(GetVideoRequest.newBuilder().setId(id).build()));
    assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
    var again = assertThrows(StatusRuntimeException.class, () -> catalog.retireVideo(retire));
    assertEquals("no video " + id, again.getStatus().getDescription());
  }

  @Test
  void everyVersionRefusesAVideoWithNoTitle() {
    var v1 = CatalogGrpc.newBlockingStub(grpc.inProcessChannel(new CatalogV1Service()))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
    var e = assertThrows(StatusRuntimeException.class,
        () -> v1.addVideo(Video.getDefaultInstance()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());

    var broken = lab.proto.contracts.broken.CatalogGrpc.newBlockingStub(
        grpc.inProcessChannel(new CatalogBrokenService())).withDeadlineAfter(20, TimeUnit.SECONDS);
    var b = assertThrows(StatusRuntimeException.class,
        () -> broken.addVideo(lab.proto.contracts.broken.Video.getDefaultInstance()));
    assertEquals(Status.Code.INVALID_ARGUMENT, b.getStatus().getCode());
  }

  @Test
  void importThenListGivesEveryVideoBackInIdOrder() throws Exception {
    ManagedChannel channel = grpc.inProcessChannel(new CatalogV1Service());
    var async = CatalogGrpc.newStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    var imported = new StreamCollector<Video>();
    var upload = async.importVideos(imported);
    upload.onNext(Video.newBuilder().setTitle("a").build());
    upload.onNext(Video.newBuilder().setTitle("b").build());
    upload.onCompleted();
    assertEquals(List.of(1, 2), imported.awaitReplies(WAIT).stream().map(Video::getId).toList());

    var listed = new StreamCollector<Video>();
    async.listVideos(ListVideosRequest.getDefaultInstance(), listed);
    assertEquals(List.of("a", "b"),
        listed.awaitReplies(WAIT).stream().map(Video::getTitle).toList());
  }
}
