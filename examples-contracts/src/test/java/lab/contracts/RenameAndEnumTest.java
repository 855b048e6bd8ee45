package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import lab.proto.contracts.v1.Format;
import lab.proto.contracts.v1.GetVideoRequest;
import lab.proto.contracts.v1.Video;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A renamed field (uploader → channel) and an added enum value (FORMAT_UHD): harmless in
 * protobuf's binary form, which carries numbers; not in JSON, which carries names.
 */
class RenameAndEnumTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final lab.proto.contracts.v2.Video fromNewClient = lab.proto.contracts.v2.Video
      .newBuilder().setTitle("Cats").setChannel("lab").setFormat(
          lab.proto.contracts.v2.Format.FORMAT_UHD).build();

  @Test
  void aRenamedFieldCrossesTheBinaryWireUnderItsOldName() throws Exception {
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var added = Wire.v2(oldServer).addVideo(fromNewClient);
    Video asOldSeesIt = Wire.v1(oldServer).getVideo(
        GetVideoRequest.newBuilder().setId(added.getId()).build());
    assertEquals("lab", asOldSeesIt.getUploader(), "field 7, whatever its name");
  }

  @Test
  void aRenamedFieldBreaksJsonReadersOfTheOtherVersion() throws Exception {
    String json = JsonFormat.printer().print(fromNewClient.toBuilder().clearFormat().build());
    assertTrue(json.contains("\"channel\": \"lab\""), json);

    var strict = assertThrows(InvalidProtocolBufferException.class,
        () -> JsonFormat.parser().merge(json, Video.newBuilder()));
    assertTrue(strict.getMessage().contains("channel"), strict.getMessage());

    // A lenient reader does not fail: it drops the value, silently.
    Video.Builder lenient = Video.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(json, lenient);
    assertEquals("", lenient.getUploader());
    assertEquals("Cats", lenient.getTitle());
  }

  @Test
  void anOldReaderSeesAnAddedEnumValueAsANumberWithNoNameAndKeepsIt() throws Exception {
    ManagedChannel oldServer = Wire.serve(grpc, new CatalogV1Service());
    var added = Wire.v2(oldServer).addVideo(fromNewClient);
    Video asOldSeesIt = Wire.v1(oldServer).getVideo(
        GetVideoRequest.newBuilder().setId(added.getId()).build());
    assertEquals(Format.UNRECOGNIZED, asOldSeesIt.getFormat());
    assertEquals(3, asOldSeesIt.getFormatValue());
    // proto3 enums are open: the number is kept and re-sent, so a new reader gets UHD back.
    var asNewSeesIt = Wire.v2(oldServer).getVideo(lab.proto.contracts.v2.GetVideoRequest
        .newBuilder().setId(added.getId()).build());
    assertEquals(lab.proto.contracts.v2.Format.FORMAT_UHD, asNewSeesIt.getFormat());
    // In JSON an old writer can only print the number ...
    assertTrue(JsonFormat.printer().print(asOldSeesIt).contains("\"format\": 3"));
    // ... and an old reader refuses the new name, or (lenient) drops it.
    String json = "{\"title\": \"Cats\", \"format\": \"FORMAT_UHD\"}";
    var strict = assertThrows(InvalidProtocolBufferException.class,
        () -> JsonFormat.parser().merge(json, Video.newBuilder()));
    assertTrue(strict.getMessage().contains("FORMAT_UHD"), strict.getMessage());
    Video.Builder lenient = Video.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(json, lenient);
    assertEquals(Format.FORMAT_UNSPECIFIED, lenient.getFormat());
  }
}
