package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import lab.common.Main;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UnaryClient's walk-through against the lesson's own server, as the tour runs it: one line
 * per lesson, each saying how its call ended. Run in this JVM through Main's exit-code core.
 */
class UnaryClientTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void theWalkThroughShowsEachStubFlavourTheErrorModelADeadlineAndUnimplemented()
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    // The server's default latency, so that the 20 ms deadline has work to cut short.
    try (LogCapture quiet = LogCapture.attach(Level.ALL, UnaryServer.class.getName(),
        SlowFeatureLookup.class.getName()).quiet()) {
      Server server = grpc.register(UnaryServer.start(0, Duration.ofMillis(200)));
      exit = Main.exitCode(new String[] {"--target", "127.0.0.1:" + server.getPort()},
          UnaryClient.USAGE, UnaryClient.START_SERVER,
          flags -> UnaryClient.run(flags, new PrintStream(out, true, StandardCharsets.UTF_8)),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed + err);
    assertTrue(printed.matches("""
        blocking stub: Tower Bridge, London
        future stub:   Tower Bridge, London
        async stub:    Tower Bridge, London \\(callback on (?!main)[^)]+\\)
        invalid point -> INVALID_ARGUMENT: point is outside the valid coordinate range
          field latitude: must be within \\[-90, 90\\] degrees, was 91.0
        unknown point -> NOT_FOUND \\(5\\): no feature at 0.0, 0.0
        20 ms deadline -> DEADLINE_EXCEEDED \\(4\\): .*
        ListFeatures -> UNIMPLEMENTED \\(12\\): Method routeguide.RouteGuide/ListFeatures is \
        unimplemented
        """), printed);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
