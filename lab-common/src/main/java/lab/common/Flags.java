package lab.common;

import java.util.HashMap;
import java.util.Map;

/**
 * Command-line flags of the form {@code --name value}, {@code --name=value} or a bare
 * {@code --name} (a boolean). Small on purpose: mains stay readable without a flags library.
 */
public final class Flags {
  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  public static Flags parse(String... args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("expected --name or --name=value, got: " + arg);
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      if (eq >= 0) {
        values.put(body.substring(0, eq), body.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(body, args[++i]);
      } else {
        values.put(body, "true");
      }
    }
    return new Flags(values);
  }

  public String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  public int integer(String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a whole number, got: " + value);
    }
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  /** The port a server main listens on: {@code --port}, or the module's documented default. */
  public int port(int defaultPort) {
    int port = integer("port", defaultPort);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0..65535, got: " + port);
    }
    return port;
  }

  /** The address a client main connects to: {@code --target}, or localhost at the default port. */
  public String target(int defaultPort) {
    return string("target", "localhost:" + defaultPort);
  }
}
