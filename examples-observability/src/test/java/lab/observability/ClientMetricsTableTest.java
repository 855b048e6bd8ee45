package lab.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's own metrics count each call once, under its method and final status. */
class ClientMetricsTableTest {
  private static final String SERVICE = "lab.work.Work/";

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final ClientMetricsTable table = new ClientMetricsTable();
  private final Telemetry telemetry = Telemetry.readBy(table);

  @AfterEach
  void stop() {
    pool.shutdownNow();
    telemetry.close();
  }

  @Test
  void theTableCountsCallsAndErrorsByCodePerMethod() {
    String name = grpc.startInProcess(server -> server.addService(new WorkService(pool))).name();
    ManagedChannel channel = grpc.register(
        telemetry.instrument(InProcessChannelBuilder.forName(name)).build());
    WorkCalls calls = new WorkCalls(channel);
    for (Code code : List.of(Code.OK, Code.OK, Code.OK, Code.NOT_FOUND, Code.NOT_FOUND)) {
      assertEquals(code, calls.run(WorkCalls.request("w", code).toBuilder().setDelayMs(2)
          .build()));
    }
    assertEquals(Code.OK, calls.chat(List.of(WorkCalls.request("c", Code.OK))));
    assertEquals(Code.UNAVAILABLE, calls.offload(WorkCalls.request("o", Code.UNAVAILABLE)));

    List<ClientMetricsTable.Row> rows = table.rows();
    assertEquals(List.of(SERVICE + "Chat", SERVICE + "Offload", SERVICE + "Run"),
        rows.stream().map(ClientMetricsTable.Row::method).toList());
    ClientMetricsTable.Row run = rows.get(2);
    assertEquals(5, run.calls());
    assertEquals(2, run.errors());
    assertEquals(Map.of("OK", 3L, "NOT_FOUND", 2L), run.byStatus());
    // Every Run call waited 2 ms in the handler, so even the median is at least that.
    assertTrue(run.p50() >= 0.002, run.toString());
    assertEquals(Map.of("UNAVAILABLE", 1L), rows.get(1).byStatus());

    String printed = table.format();
    assertTrue(printed.lines().anyMatch(l -> l.startsWith(SERVICE + "Run ")
        && l.matches(".*\\s5\\s+2\\s+NOT_FOUND=2\\s.*")), printed);
  }
}
