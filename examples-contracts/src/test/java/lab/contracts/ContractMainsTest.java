package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import lab.common.Main;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client main does what the README says, against a server of the other version. */
class ContractMainsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void aVersion2ClientOfAVersion1ServerKeepsItsNewFieldsButNotItsBigViewsNorItsExplicitZero() {
    String printed = run("v2", grpc.inProcessChannel(new CatalogV1Service()));
    assertTrue(printed.contains("v2 GetVideo read    id: 1 title: \"Cats\" format: FORMAT_UHD"
        + " views: 705032704 channel: \"lab\" description: \"two cats, one box\""
        + "  (rating set: false)"), printed);
    assertTrue(printed.contains("v2 CountVideos      UNIMPLEMENTED: Method not found:"
        + " catalog.Catalog/CountVideos"), printed);
  }

  @Test
  void aVersion1ClientOfAVersion2ServerGetsItsRemovedFieldBackAndUnimplementedForRetire() {
    String printed = run("v1", grpc.inProcessChannel(new CatalogV2Service()));
    assertTrue(printed.contains("v1 GetVideo read    id: 1 title: \"Cats\" length_seconds: 600"
        + " format: FORMAT_HD views: 42 uploader: \"lab\""), printed);
    assertTrue(printed.contains("v1 RetireVideo      UNIMPLEMENTED"), printed);
  }

  @Test
  void eachClientAgainstAServerOfItsOwnVersionHasEveryMethodAndEveryValueBack() {
    String v1 = run("v1", grpc.inProcessChannel(new CatalogV1Service()));
    assertTrue(v1.contains("v1 AddVideo sent    title: \"Cats\" length_seconds: 600"
        + " format: FORMAT_HD views: 42 uploader: \"lab\"\n"), v1);
    assertTrue(v1.contains("v1 RetireVideo      OK"), v1);
    String v2 = run("v2", grpc.inProcessChannel(new CatalogV2Service()));
    assertTrue(v2.contains("v2 AddVideo sent    title: \"Cats\" format: FORMAT_UHD"
        + " views: 5000000000 rating: 0 channel: \"lab\" description: \"two cats, one box\""
        + "  (rating set: true)"), v2);
    assertTrue(v2.contains("views: 5000000000 rating: 0 channel: \"lab\" description:"
        + " \"two cats, one box\"  (rating set: true)\nv2 CountVideos      1\n"), v2);
  }

  @Test
  void theVersionIsV2UnlessV1IsAsked() throws Exception {
    assertEquals("v2", ContractServer.version(lab.common.Flags.parse(ContractClient.USAGE)));
    assertEquals("v1", ContractServer.version(
        lab.common.Flags.parse(ContractClient.USAGE, "--version", "v1")));
  }

  @Test
  void anUnknownVersionIsAUsageError() throws Exception {
    var err = new ByteArrayOutputStream();
    int code = Main.exitCode(new String[] {"--version", "v3"}, ContractClient.USAGE, null,
        ContractServer::version, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Main.USAGE_ERROR, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--version must be v1 or v2, got v3"));
  }

  private static String run(String version, io.grpc.ManagedChannel channel) {
    var out = new ByteArrayOutputStream();
    new ContractClient(new PrintStream(out, true, StandardCharsets.UTF_8)).run(version, channel);
    return out.toString(StandardCharsets.UTF_8);
  }
}
