package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.SimpleFormatter;
import lab.common.LabServer;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import lab.testing.RawH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client's misbehaviour, repeated by the thousand, must not fill the server's disk: each
 * kind of event is logged once per 10 s with a count, in one line with no stack trace
 * (lab-common's LogLimiter). Without it, 2,000 requests claiming a 2 GiB message wrote 8.3 MB
 * of WARNING traces, and 2,000 connections ending in a protocol error 6.5 MB of INFO ones.
 */
class LogFloodTest {
  private static final String ADD = "/video_service.VideoService/AddVideo";
  /** A few lines per kind of event, each a few hundred bytes; the floods wrote megabytes. */
  private static final int MAX_LOGGED_BYTES = 8 * 1024;
  private static final String[] LOGGERS = {
      "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler",
      "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream",
      "io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport.connections",
      "io.grpc.internal.ServerImpl", "io.grpc.internal.SerializingExecutor"};

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private LabServer server;

  @BeforeEach
  void start() throws Exception {
    server = LabServer.onPort(0).addService(new VideoService(new VideoStore())).start();
    grpc.register(server.server());
  }

  @Test
  void twoThousandRequestsClaimingATwoGibMessageLogAFewLinesWithoutStackTraces()
      throws Exception {
    byte[] claim = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    try (LogCapture log = LogCapture.attach(Level.ALL, new SimpleFormatter(), LOGGERS).quiet()) {
      // 20 connections of 100: the server answers each with RESOURCE_EXHAUSTED
      for (int c = 0; c < 20; c++) {
        try (RawH2 h2 = RawH2.connect(server.port(), Map.of())) {
          for (int i = 0; i < 100; i++) {
            h2.data(h2.openGrpcStream(ADD, false), claim, false);
          }
          h2.flush();
          assertTrue(h2.awaitReceived(RawH2.HEADERS, 100, Duration.ofSeconds(30)),
              "every request was answered");
        }
      }
      assertLoggedLittle(log);
    }
  }

  @Test
  void twoThousandConnectionsEndingInAProtocolErrorLogAFewLinesWithoutStackTraces()
      throws Exception {
    try (LogCapture log = LogCapture.attach(Level.ALL, new SimpleFormatter(), LOGGERS).quiet()) {
      for (int c = 0; c < 2_000; c++) {
        try (RawH2 h2 = RawH2.connect(server.port(), Map.of())) {
          try {
            h2.data(0, new byte[] {1}, false); // DATA on stream 0: a connection error
            h2.flush();
          } catch (IOException closedAlready) {
            // the reader's SETTINGS ACK flushed the frame first, and the server has closed
          }
          assertEquals(RawH2.PROTOCOL_ERROR, h2.goAway().get(30, TimeUnit.SECONDS));
        }
      }
      assertLoggedLittle(log);
    }
  }

  private static void assertLoggedLittle(LogCapture log) {
    int bytes = log.lines().stream().mapToInt(line -> line.text().length() + 1).sum();
    System.out.println(log.lines().size() + " line(s), " + bytes + " bytes:");
    log.lines().forEach(line -> System.out.println("  " + line.text()));
    assertTrue(bytes <= MAX_LOGGED_BYTES, bytes + " bytes logged");
    assertFalse(log.lines().stream().anyMatch(line -> line.text().contains("\tat ")),
        "no stack traces");
  }
}
