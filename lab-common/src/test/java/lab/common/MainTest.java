package lab.common;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each mistake a newcomer makes ends in one or two lines and its exit code, never a trace. */
class MainTest {
  private static final String USAGE = "usage: ./run examples-demo DemoClient [--target HOST:PORT]"
      + " [--port N] [--chat]";
  private static final String START = "./run examples-demo DemoServer";
  private static final String TAKEN = " on 127.0.0.1 is already in use (is this server already"
      + " running?). Pick another with --port N (--port 0 picks any free port).\n";
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private int run(Main.Body body, String... args) throws Exception {
    return Main.exitCode(args, USAGE, START, body, err);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMisspelledFlagIsRejectedWithTheUsageInsteadOfSilentlyIgnored() throws Exception {
    int exit = run(flags -> { throw new AssertionError("must not run"); }, "--targt", "x:1");
    assertEquals(2, exit);
    assertEquals("error: unknown flag --targt\n" + USAGE + "\n", printed());
  }

  @Test
  void aPortThatIsNotANumberIsNamedWithTheUsage() throws Exception {
    assertEquals(2, run(flags -> flags.port(50051), "--port", "abc"));
    assertEquals("error: --port takes a whole number, got: abc\n" + USAGE + "\n", printed());
  }

  @Test
  void aPortOutsideTheTcpRangeIsRejectedWithTheUsageNotAStackTrace() throws Exception {
    assertEquals(2, run(flags -> flags.port(50051), "--port", "70000"));
    assertEquals(2, run(flags -> flags.port(50051), "--port", "-1"));
    assertEquals("error: --port must be 0..65535, got: 70000\n" + USAGE + "\n"
        + "error: --port must be 0..65535, got: -1\n" + USAGE + "\n", printed());
  }

  @Test
  void theEdgesOfThePortRangeAndTheDefaultAreAccepted() throws Exception {
    List<Integer> ports = new ArrayList<>();
    assertEquals(0, run(flags -> ports.add(flags.port(50051)), "--port", "0"));
    assertEquals(0, run(flags -> ports.add(flags.port(50051)), "--port=65535"));
    assertEquals(0, run(flags -> ports.add(flags.port(50051))));
    assertEquals(List.of(0, 65_535, 50_051), ports);
  }

  @Test
  void aBareFlagIsTrueAnAbsentOneFalseAndTheNextFlagIsStillRead() throws Exception {
    List<Object> seen = new ArrayList<>();
    assertEquals(0, run(flags -> {
      seen.add(flags.bool("chat"));
      seen.add(flags.target(50051));
    }, "--chat", "--target", "h:1"));
    assertEquals(0, run(flags -> seen.add(flags.bool("chat"))));
    assertEquals(List.of(true, "h:1", false), seen);
  }

  @Test
  void anArgumentThatIsNotAFlagIsRejectedWithTheUsage() throws Exception {
    assertEquals(2, run(flags -> { throw new AssertionError("must not run"); }, "50051"));
    assertEquals(2, run(flags -> { throw new AssertionError("must not run"); }, "--"));
    assertEquals(2, run(flags -> { throw new AssertionError("must not run"); }, "--=5"));
    assertEquals("error: expected --name or --name=value, got: 50051\n" + USAGE + "\n"
        + "error: expected --name or --name=value, got: --\n" + USAGE + "\n"
        + "error: expected --name or --name=value, got: --=5\n" + USAGE + "\n", printed());
  }

  @Test
  void aTargetWithASchemeIsRejectedWithTheUsage() throws Exception {
    assertEquals(2, run(flags -> flags.target(50051), "--target", "http://localhost:50051"));
    assertEquals("error: --target takes HOST:PORT without a scheme (the lab's servers are"
        + " plaintext gRPC, not http), got: http://localhost:50051\n" + USAGE + "\n", printed());
  }

  @Test
  void aClientWithNoServerNamesTheAddressAndTheCommandThatStartsIt() throws Exception {
    int port = freePort();
    int exit = run(flags -> {
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(flags.target(50051)).usePlaintext().build();
      try {
        HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance());
      } finally {
        channel.shutdownNow();
      }
    }, "--target", "127.0.0.1:" + port);
    assertEquals(1, exit);
    assertEquals("error: cannot reach 127.0.0.1:" + port + " (connection refused): is the server"
        + " running? Start it with: " + START + "\n", printed());
  }

  @Test
  void aServerOnATakenPortSaysSoAndHowToPickAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      int exit = run(flags -> LabServer.onPort(flags.port(50051)).start(), "--port", "" + port);
      assertEquals(1, exit);
      assertEquals("error: port " + port + " on 127.0.0.1 is already in use (is this server"
          + " already running?). Pick another with --port N (--port 0 picks any free port).\n",
          printed());
    }
  }

  @Test
  void aRefusedConnectionOutsideGrpcIsOneLineWithItsMessageAndExit1() throws Exception {
    int exit = run(flags -> {
      throw new java.io.IOException("query failed",
          new java.net.ConnectException("cannot reach Prometheus at http://127.0.0.1:9"));
    });
    assertEquals(1, exit);
    assertEquals("error: cannot reach Prometheus at http://127.0.0.1:9\n", printed());
  }

  @Test
  void aRefusedConnectionWithoutAMessageSaysConnectionRefused() throws Exception {
    assertEquals(1, run(flags -> {
      throw new java.net.ConnectException();
    }));
    assertEquals("error: connection refused\n", printed());
  }

  @Test
  void aTakenDefaultPortIsNamedFromLabServersException() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      int exit = run(flags -> LabServer.onPort(flags.port(port)).start()); // no --port given
      assertEquals(1, exit);
      assertEquals("error: port " + port + TAKEN, printed());
    }
  }

  @Test
  void aPortTakenFromAServerThatIsNotALabServerIsNamedByTheFlagOrNotAtAll() throws Exception {
    // examples-unary builds its server bare: grpc-java's own bind failure, with no port in it.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Main.Body bare = flags -> NettyServerBuilder
          .forAddress(new InetSocketAddress("127.0.0.1", flags.port(port))).build().start();
      assertEquals(1, run(bare, "--port", "" + port));
      assertEquals(1, run(bare));
      assertEquals("error: port " + port + TAKEN + "error: the port" + TAKEN, printed());
    }
  }

  @Test
  void aCallEndedWithAnErrorStatusIsOneLineAndExit1() throws Exception {
    int exit = run(flags -> {
      throw Status.NOT_FOUND.withDescription("no video with id \"9\"").asRuntimeException();
    });
    assertEquals(1, exit);
    assertEquals("error: the call failed with NOT_FOUND: no video with id \"9\"\n", printed());
  }

  @Test
  void anUnavailableServerThatWasReachedIsReportedAsTheCallsStatus() throws Exception {
    int exit = run(flags -> {
      throw Status.UNAVAILABLE.withDescription("server shutting down").asRuntimeException();
    }, "--target", "127.0.0.1:1");
    assertEquals(1, exit);
    assertEquals("error: the call failed with UNAVAILABLE: server shutting down\n", printed());
  }

  @Test
  void aCheckedStatusExceptionFromTheBodyIsReportedLikeAnyStatus() throws Exception {
    assertEquals(1, run(flags -> {
      throw new java.io.IOException("wrapped", Status.PERMISSION_DENIED.asException());
    }));
    assertEquals("error: the call failed with PERMISSION_DENIED\n", printed());
  }

  @Test
  void aBugInTheLabKeepsItsStackTrace() {
    assertThrows(IllegalStateException.class,
        () -> run(flags -> { throw new IllegalStateException("a bug"); }));
    assertFalse(printed().contains("error:"));
  }

  @Test
  void aMainThatSucceedsExitsZeroAndPrintsNothing() throws Exception {
    assertEquals(0, run(flags -> assertEquals(true, flags.bool("chat")), "--chat"));
    assertEquals("", printed());
  }
}
