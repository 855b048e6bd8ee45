package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import lab.proto.contracts.broken.VideoQuery;
import lab.proto.contracts.v1.GetVideoRequest;
import lab.proto.contracts.v1.Video;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fields added, removed, reused and retyped between version 1 and version 2, with old and new
 * clients and servers talking over loopback: what arrives, what is kept, what is silently wrong.
 */
class FieldChangesTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void aFieldAddedInVersion2SurvivesARoundTripThroughAVersion1Server() throws Exception {
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var added = Wire.v2(oldServer).addVideo(lab.proto.contracts.v2.Video.newBuilder()
        .setTitle("Cats").setDescription("two cats, one box").build());

    // The old server never heard of field 8: it kept it as an unknown field ...
    Video asOldSeesIt = Wire.v1(oldServer).getVideo(
        GetVideoRequest.newBuilder().setId(added.getId()).build());
    assertEquals("Cats", asOldSeesIt.getTitle());
    assertTrue(asOldSeesIt.getUnknownFields().hasField(8), asOldSeesIt.toString());
    // ... and re-sent it, so a new client reads the description back intact.
    var asNewSeesIt = Wire.v2(oldServer).getVideo(lab.proto.contracts.v2.GetVideoRequest
        .newBuilder().setId(added.getId()).build());
    assertEquals("two cats, one box", asNewSeesIt.getDescription());
  }

  @Test
  void anOldClientMeetsTheNewFieldAsItsDefault() throws Exception {
    ManagedChannel newServer = Wire.serve(grpc, new CatalogV2Service());
    Video added = Wire.v1(newServer).addVideo(Video.newBuilder().setTitle("Dogs").build());
    var asNewSeesIt = Wire.v2(newServer).getVideo(lab.proto.contracts.v2.GetVideoRequest
        .newBuilder().setId(added.getId()).build());
    assertEquals("", asNewSeesIt.getDescription());
  }

  @Test
  void aRemovedFieldWhoseNumberIsReservedIsKeptAndReturnedToOldClients() throws Exception {
    ManagedChannel newServer = Wire.serve(grpc, new CatalogV2Service());
    Video added = Wire.v1(newServer).addVideo(Video.newBuilder()
        .setTitle("Rain").setLengthSeconds(600).build());
    var asNewSeesIt = Wire.v2(newServer).getVideo(lab.proto.contracts.v2.GetVideoRequest
        .newBuilder().setId(added.getId()).build());
    assertTrue(asNewSeesIt.getUnknownFields().hasField(3), "number 3 is no field of version 2");
    Video asOldSeesIt = Wire.v1(newServer).getVideo(
        GetVideoRequest.newBuilder().setId(added.getId()).build());
    assertEquals(600, asOldSeesIt.getLengthSeconds());
  }

  @Test
  void aNumberReusedForAnotherTypeTurnsOldDataIntoWrongValuesWithNoError() throws Exception {
    ManagedChannel brokenServer = Wire.serve(grpc, new CatalogBrokenService());
    // An old client sends a 600-second video; the call succeeds ...
    Video added = Wire.v1(brokenServer).addVideo(Video.newBuilder()
        .setTitle("Storm").setLengthSeconds(600).build());
    assertEquals(600, added.getLengthSeconds(), "re-sent unchanged, so the old client sees 600");
    // ... and the broken server read the same varint as a sint32: 300 likes that nobody gave.
    var stored = Wire.broken(brokenServer).getVideo(
        VideoQuery.newBuilder().setTitle("Storm").build());
    assertEquals(300, stored.getLikes());
    assertTrue(stored.getUnknownFields().asMap().isEmpty(), "nothing flags the misreading");
  }

  @Test
  void aWidenedIntegerCarriesEveryOldValueAndAnOldReaderTruncatesBigNewOnes() throws Exception {
    ManagedChannel newServer = Wire.serve(grpc, new CatalogV2Service());
    Video old = Wire.v1(newServer).addVideo(Video.newBuilder()
        .setTitle("Old").setViews(-7).build());
    var read = Wire.v2(newServer).getVideo(lab.proto.contracts.v2.GetVideoRequest.newBuilder()
        .setId(old.getId()).build());
    assertEquals(-7L, read.getViews(), "int32 is sign-extended to 64 bits on the wire");

    var big = Wire.v2(newServer).addVideo(lab.proto.contracts.v2.Video.newBuilder()
        .setTitle("Viral").setViews(5_000_000_000L).build());
    Video narrowed = Wire.v1(newServer).getVideo(
        GetVideoRequest.newBuilder().setId(big.getId()).build());
    assertEquals(705_032_704, narrowed.getViews(), "5,000,000,000 keeps only its low 32 bits");
  }

  @Test
  void aWidenedValuePassingThroughAnOldServerComesBackTruncated() throws Exception {
    // Unlike an unknown field, views is a field the old server knows: it parses it as int32
    // and re-sends what it parsed.
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var big = Wire.v2(oldServer).addVideo(lab.proto.contracts.v2.Video.newBuilder()
        .setTitle("Viral").setViews(5_000_000_000L).build());
    assertEquals(705_032_704L, big.getViews());
  }

  @Test
  void implicitPresenceCannotTellZeroFromUnsetAndOptionalCan() throws Exception {
    ManagedChannel newServer = Wire.serve(grpc, new CatalogV2Service());
    // An old client rates a video 0: version 1 never sends a zero, so the new server sees no
    // rating at all.
    Video zero = Wire.v1(newServer).addVideo(Video.newBuilder()
        .setTitle("Meh").setRating(0).build());
    var read = Wire.v2(newServer).getVideo(lab.proto.contracts.v2.GetVideoRequest.newBuilder()
        .setId(zero.getId()).build());
    assertFalse(read.hasRating());

    // A new client's explicit 0 is sent and kept; an old reader sees plain 0 as always.
    var rated = Wire.v2(newServer).addVideo(lab.proto.contracts.v2.Video.newBuilder()
        .setTitle("Meh again").setRating(0).build());
    assertTrue(rated.hasRating());
    assertEquals(0, Wire.v1(newServer).getVideo(GetVideoRequest.newBuilder()
        .setId(rated.getId()).build()).getRating());

    // Through an old server the explicit 0 is lost: it parsed an implicit 0 and sends nothing.
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var throughOld = Wire.v2(oldServer).addVideo(lab.proto.contracts.v2.Video.newBuilder()
        .setTitle("Meh").setRating(0).build());
    assertFalse(throughOld.hasRating());
  }
}
