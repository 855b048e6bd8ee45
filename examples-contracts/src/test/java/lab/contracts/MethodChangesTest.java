package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;
import lab.proto.contracts.broken.VideoQuery;
import lab.proto.contracts.v1.GetVideoRequest;
import lab.proto.contracts.v1.RetireVideoRequest;
import lab.proto.contracts.v1.Video;
import lab.proto.contracts.v2.CountVideosRequest;
import lab.testing.GrpcCleanupExtension;
import lab.testing.RawBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Methods added, removed, and retyped under the same name: which calls fail, with which status,
 * and which succeed with the wrong answer.
 */
class MethodChangesTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void aNewClientCallingAMethodTheOldServerLacksGetsUnimplemented() throws Exception {
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var e = assertThrows(StatusRuntimeException.class,
        () -> Wire.v2(oldServer).countVideos(CountVideosRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    assertEquals("Method not found: catalog.Catalog/CountVideos", e.getStatus().getDescription());
  }

  @Test
  void anOldClientCallingARemovedMethodGetsUnimplemented() throws Exception {
    ManagedChannel newServer = Wire.serve(grpc, new CatalogV2Service());
    Video added = Wire.v1(newServer).addVideo(Video.newBuilder().setTitle("Cats").build());
    var e = assertThrows(StatusRuntimeException.class, () -> Wire.v1(newServer)
        .retireVideo(RetireVideoRequest.newBuilder().setId(added.getId()).build()));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    // The rest of the contract still works for the old client.
    assertEquals("Cats", Wire.v1(newServer).getVideo(
        GetVideoRequest.newBuilder().setId(added.getId()).build()).getTitle());
  }

  @Test
  void aRequestTypeChangedUnderAMethodIsParsedAsTheWrongQuestionNotRefused() throws Exception {
    ManagedChannel brokenServer = Wire.serve(grpc, new CatalogBrokenService());
    Wire.broken(brokenServer).addVideo(lab.proto.contracts.broken.Video.newBuilder()
        .setTitle("Cats").build());
    // An old client asks for id 1: field 1 arrives as a varint where the new type expects a
    // string, so protobuf files it as an unknown field and the title is empty. No parse
    // error: the server's own check is all that answers.
    var e = assertThrows(StatusRuntimeException.class, () -> Wire.v1(brokenServer)
        .getVideo(GetVideoRequest.newBuilder().setId(1).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("title must be 1..200 characters, got 0", e.getStatus().getDescription());

    // The other way: a new client's title reaches an old server as id 0.
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var old = assertThrows(StatusRuntimeException.class, () -> Wire.broken(oldServer)
        .getVideo(VideoQuery.newBuilder().setTitle("Cats").build()));
    assertEquals("id must be 1 or more, got 0", old.getStatus().getDescription());
  }

  @Test
  void bytesTheNewTypeCannotParseAreRefusedBeforeTheHandlerRuns() throws Exception {
    ManagedChannel brokenServer = Wire.serve(grpc, new CatalogBrokenService());
    // GetVideo called with bytes, as a client of a contract nobody compiled here. Field 1,
    // length-delimited, not UTF-8: what a version with `bytes` at number 1 would send
    // to a reader that has a string there (proto3 strings must be UTF-8).
    byte[] notUtf8 = {0x0a, 0x02, (byte) 0xff, (byte) 0xfe};
    var e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
        brokenServer, RawBytes.unary("catalog.Catalog/GetVideo"), io.grpc.CallOptions.DEFAULT
            .withDeadlineAfter(Wire.DEADLINE_SECONDS, TimeUnit.SECONDS), notUtf8));
    assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
    assertEquals("Invalid protobuf byte sequence", e.getStatus().getDescription());
  }
}
