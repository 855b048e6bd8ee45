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
  ROUND_ROBIN_WITH_HEALTH("round-robin-health.json");

  private final String file;

  Policy(String file) {
    this.file = file;
  }

  public String file() {
    return file;
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
