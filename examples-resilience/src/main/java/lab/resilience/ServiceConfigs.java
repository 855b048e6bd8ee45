package lab.resilience;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The service configs of this module, kept as JSON files (the format a name resolver such as
 * DNS would serve) and handed to {@code ManagedChannelBuilder.defaultServiceConfig}, which
 * takes the parsed JSON as maps, lists, strings and doubles — exactly what Gson produces.
 */
public final class ServiceConfigs {
  public static final String RETRY = "retry-service-config.json";
  public static final String HEDGING = "hedging-service-config.json";

  private ServiceConfigs() {}

  @SuppressWarnings("unchecked")
  public static Map<String, ?> load(String name) {
    String path = "/lab/resilience/" + name;
    try (Reader in = new InputStreamReader(
        ServiceConfigs.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
      return new Gson().fromJson(in, Map.class);
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("cannot read service config " + path, e));
    }
  }
}
