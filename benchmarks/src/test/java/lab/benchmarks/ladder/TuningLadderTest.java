package lab.benchmarks.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.List;
import lab.proto.benchmarks.Batch;
import lab.proto.benchmarks.LadderGrpc;
import lab.proto.benchmarks.LadderRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rung of the ladder must deliver the same payloads, or a fast number would mean
 * nothing: the benchmark's own trial set-up and download run here, and the payloads that
 * arrive are counted and compared with what the service built.
 */
class TuningLadderTest {

  @ParameterizedTest
  @ValueSource(strings = {"default", "direct", "threshold", "window", "batch8", "batch64",
      "batch512", "preserialized", "gzip"})
  void everyRungDeliversEveryPayloadIntact(String step) throws Exception {
    var bench = new TuningLadderBenchmark();
    bench.step = step;
    bench.mode = "cumulative";
    bench.size = 16;
    bench.start();
    try {
      Tuning tuning = Tuning.of(step, true);
      var request = LadderRequest.newBuilder().setCount(1000).setSize(16)
          .setBatch(tuning.batch()).setGzip(tuning.gzip())
          .setOnReadyThreshold(tuning.onReadyThreshold()).build();
      List<ByteString> expected = LadderService.batch(tuning.batch(), 16).getItemsList();
      var stub = LadderGrpc.newBlockingStub(bench.channel());
      int payloads = 0;
      for (var it = stub.download(request); it.hasNext(); ) {
        Batch batch = it.next();
        assertEquals(expected, batch.getItemsList());
        payloads += batch.getItemsCount();
      }
      // 1,000 payloads in batches: the last batch is full too, so a little over 1,000
      assertEquals(roundedUp(1000, tuning.batch()), payloads);
    } finally {
      bench.stop();
    }
  }

  @Test
  void cumulativeRungsKeepTheKnobsBelowThemAndAloneRungsDoNot() {
    assertEquals(new Tuning(true, Tuning.THRESHOLD, Tuning.WINDOW, 64, false, false),
        Tuning.of("batch64", true));
    assertEquals(new Tuning(false, 0, 0, 64, false, false), Tuning.of("batch64", false));
    assertEquals(new Tuning(true, Tuning.THRESHOLD, Tuning.WINDOW, 512, true, true),
        Tuning.of("gzip", true));
  }

  private static int roundedUp(int count, int batch) {
    return (count + batch - 1) / batch * batch;
  }
}
