package lab.loadbalancing;

import com.google.gson.Gson;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The client-side load-balancing policies of this lesson, each chosen by a service config
 * JSON file (src/main/resources/lab/loadbalancing/), the same format a resolver such as DNS
 * would serve. The channel gets it as its default service config: our resolver serves none.
 */
public enum Policy {
  /** Connect to the first address that works; every call uses that one connection. */
  PICK_FIRST("pick-first.json"),
  /** Connect to every address; each call goes to the next READY one in turn. */
  ROUND_ROBIN("round-robin.json"),
  /** round_robin, but a backend counts as READY only while its health service says SERVING. */
  ROUND_ROBIN_WITH_HEALTH("round-robin-health.json"),
  /**
   * Our own policy ({@link PreferZoneProvider}): round robin over the READY backends in
   * zone-a, the others only while zone-a has none.
   */
  PREFER_ZONE("prefer-zone.json"),
  /**
   * Round robin weighted by each backend's load report, qps / CPU utilization, taken from the
   * trailers of its replies. Weights are used from the first report on (blackoutPeriod 0 s;
   * the default, 10 s, waits for a backend's figures to settle) and recomputed every 100 ms.
   */
  WEIGHTED_ROUND_ROBIN("weighted-round-robin.json"),
  /** The same, with the load reports on a stream of their own, every 200 ms (out of band). */
  WEIGHTED_ROUND_ROBIN_OUT_OF_BAND("weighted-round-robin-out-of-band.json"),
  /**
   * round_robin inside outlier detection: every second, a backend that failed more than 30 %
   * of at least 10 calls is ejected (no calls) for 10 s, longer each time it is ejected again,
   * never more than a third of the backends at once.
   */
  OUTLIER_DETECTION("outlier-detection.json");

  private final String file;

  Policy(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  /** The policy's name as flags and logs spell it: "round_robin_with_health". */
  public String flagName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The parsed JSON, as the maps, lists, strings and doubles the channel builder takes. */
  @SuppressWarnings("unchecked")
  public Map<String, ?> serviceConfig() {
    String path = "/lab/loadbalancing/" + file;
    try (Reader in = new InputStreamReader(
        Policy.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
      return new Gson().fromJson(in, Map.class);
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("cannot read service config " + path, e));
    }
  }

  /** A plaintext channel to {@code target} that balances with this policy. */
  public ManagedChannel channel(String target) {
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .defaultServiceConfig(serviceConfig())
        .build();
  }
}
