package lab.benchmarks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import lab.benchmarks.support.PerOperation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer of LayersBenchmark really delivers the benchmark's operation: every message,
 * with its payload's byte count, twice in a row on the same connection. A layer that dropped,
 * merged or misframed messages would fail here instead of posting a fast number.
 */
class LayersTest {
  static Stream<Arguments> layersAndSizes() {
    return Layers.ALL.stream().flatMap(layer -> Stream.of(16, 1024, 65536)
        .map(size -> Arguments.of(layer, size)));
  }

  @ParameterizedTest(name = "{0}, {1} B")
  @MethodSource("layersAndSizes")
  void eachLayerDeliversEveryMessageWithAllItsBytes(String name, int size) throws Exception {
    int count = PerOperation.messages(size);
    try (Layer layer = Layers.start(name)) {
      for (int op = 0; op < 2; op++) {
        // Bounded: a layer that loses a message would otherwise wait for it forever.
        var received = assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> layer.stream(count, size));

        assertEquals(new Layer.Received(count, (long) count * size), received);
      }
    }
  }
}
