package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lab.common.Flags;
import lab.common.Main;
import org.junit.jupiter.api.Test;

/** What the command line asks for, and every way of asking wrongly. */
class CheckFlagsTest {
  private static Flags flags(String... args) {
    return Flags.parse(Check.USAGE, args);
  }

  @Test
  void aTargetIsHostAndPortIpv6InBrackets() throws Exception {
    Target plain = Check.target(flags("--target", "localhost:50051"));
    assertEquals("localhost:50051", plain.authority());
    assertFalse(plain.tlsOn());
    Target v6 = Check.target(flags("--target", "[::1]:443"));
    assertEquals("::1", v6.host());
    assertEquals(443, v6.port());
    assertTrue(v6.isLoopback());
    assertTrue(Check.target(flags("--target", "h:1", "--insecure")).tlsOn());
    assertTrue(Check.target(flags("--target", "h:1", "--tls")).tlsOn());
    assertFalse(Target.plaintext("no-such-host.invalid", 1).isLoopback(), "unresolvable");
    assertEquals("http", plain.grpcHeaders("/a.B/C").scheme().toString());
    Target insecure = Target.insecureTls("h", 1);
    assertEquals("https", insecure.grpcHeaders("/a.B/C").scheme().toString());
    assertEquals(0, ((javax.net.ssl.X509TrustManager) insecure.trust()[0])
        .getAcceptedIssuers().length);
  }

  @Test
  void aMissingTargetOrPortIsAUsageErrorSayingWhatWasGiven() {
    assertEquals("--target HOST:PORT is required, got: null",
        assertThrows(Flags.UsageException.class, () -> Check.target(flags())).getMessage());
    assertEquals("--target HOST:PORT is required, got: localhost",
        assertThrows(Flags.UsageException.class,
            () -> Check.target(flags("--target", "localhost"))).getMessage());
    assertEquals("--target's port is not a number: h:x", assertThrows(Flags.UsageException.class,
        () -> Check.target(flags("--target", "h:x"))).getMessage());
    assertEquals("--target HOST:PORT is required, got: :50051",
        assertThrows(Flags.UsageException.class,
            () -> Check.target(flags("--target", ":50051"))).getMessage());
  }

  @Test
  void withoutHostileTheHostileGroupIsLeftOutAndOnlyNamesGroupsInTheirOrder() {
    Target local = Target.plaintext("127.0.0.1", 1);
    assertEquals(List.of("basics", "bad-input", "deadlines"), Check.groups(flags(), local));
    assertEquals(List.of("basics", "bad-input", "deadlines", "hostile"),
        Check.groups(flags("--hostile"), local));
    assertEquals(List.of("basics", "deadlines"),
        Check.groups(flags("--only", "deadlines,basics"), local));
    assertEquals(List.of("hostile"), Check.groups(flags("--only", "hostile", "--hostile"), local));
  }

  @Test
  void floodsNeedTheHostileFlagAndAHostOtherThanThisOneNeedsConsent() {
    Target local = Target.plaintext("127.0.0.1", 1);
    assertEquals("the hostile checks flood the server: add --hostile",
        assertThrows(Flags.UsageException.class,
            () -> Check.groups(flags("--only", "hostile"), local)).getMessage());
    Target remote = Target.plaintext("192.0.2.7", 1); // TEST-NET-1: never this machine
    assertFalse(remote.isLoopback());
    assertTrue(assertThrows(Flags.UsageException.class,
        () -> Check.groups(flags("--hostile"), remote)).getMessage()
        .contains("add --host-is-mine"));
    assertEquals(4, Check.groups(flags("--hostile", "--host-is-mine"), remote).size());
    assertEquals(3, Check.groups(flags(), remote).size(), "the rest needs no consent");
  }

  @Test
  void anUnknownGroupIsAUsageErrorNamingTheGroups() {
    assertEquals("--only takes some of [basics, bad-input, deadlines, hostile], got: basic",
        assertThrows(Flags.UsageException.class,
            () -> Check.groups(flags("--only", "basic"), Target.plaintext("::1", 1)))
            .getMessage());
  }

  @Test
  void theMainExitsTwoOnAMistakeAndOneWhenNothingListensThereHavingPrintedNothing()
      throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    Main.Body body = f -> Check.run(f, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(Main.USAGE_ERROR, Main.exitCode(new String[] {"--only", "x", "--target", "h:1"},
        Check.USAGE, null, body, errors));
    assertEquals(Main.USAGE_ERROR, Main.exitCode(new String[] {"--target", "h:1", "--methods",
        "/a.B/C:sideways"}, Check.USAGE, null, body, errors));
    assertEquals(Main.USAGE_ERROR, Main.exitCode(new String[] {"--target", "h:1", "--patience",
        "0"}, Check.USAGE, null, body, errors));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertEquals(Main.FAILED, Main.exitCode(new String[] {"--target", "127.0.0.1:" + closedPort},
        Check.USAGE, null, body, errors));
    assertEquals(Main.FAILED, Main.exitCode(new String[] {"--target", "no-such-host.invalid:1"},
        Check.USAGE, null, body, errors));
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("error: --only takes some of"), said);
    assertTrue(said.contains("error: --methods: not /package.Service/Method[:KIND]"), said);
    assertTrue(said.contains("error: --patience is seconds, at least 1, got: 0"), said);
    assertTrue(said.contains("error: Connection refused"), said);
    assertTrue(said.contains("error: unknown host: no-such-host.invalid"), said);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no table for a server not reached");
  }

  @Test
  void aRunPrintsEachFindingThenTheTableWritesBothReportsAndExitsOneOnAFailure(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Check.Result result;
    int port;
    try (RuleBreakingServer server = new RuleBreakingServer()) {
      port = server.port();
      result = Check.run(flags("--target", "127.0.0.1:" + server.port(), "--only", "basics",
          "--methods", "/a.B/C", "--json", dir.resolve("r.json").toString(), "--markdown",
          dir.resolve("r.md").toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
    }
    assertEquals(1, result.exitCode());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("lab-check of 127.0.0.1:" + port + "\n"), printed);
    assertTrue(printed.contains("\n\nlab-check of 127.0.0.1:" + port + "\nverdict"), printed);
    assertTrue(printed.contains("methods named with --methods; 1 methods to probe; groups:"
        + " basics\n"), printed);
    assertTrue(printed.contains("  FAIL  basics     HTTP/1.1 refused: answered"), printed);
    assertTrue(printed.contains("\nverdict group"), printed);
    assertTrue(printed.contains("wrote " + dir.resolve("r.json")), printed);
    long failed = result.findings().stream().filter(f -> f.verdict() == Verdict.FAIL).count();
    assertTrue(failed >= 5, failed + " failed");
    assertTrue(java.nio.file.Files.readString(dir.resolve("r.json"))
        .contains("\"fail\": " + failed + ","));
    assertTrue(java.nio.file.Files.readString(dir.resolve("r.md"))
        .contains("| FAIL | basics | HTTP/1.1 refused |"));
    assertEquals(Verdict.FAIL, result.find("unknown service").verdict());
    assertThrows(AssertionError.class, () -> result.find("no such check"));
  }
}
