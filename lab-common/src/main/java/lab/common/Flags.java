package lab.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line flags of the form {@code --name value}, {@code --name=value} or a bare
 * {@code --name} (a boolean). Small on purpose: mains stay readable without a flags library.
 * A main declares its flags in its usage line ({@link #parse(String, String...)}): any other
 * flag is a mistake (a misspelled {@code --targt} must not be silently ignored).
 */
public final class Flags {
  private static final Pattern DECLARED = Pattern.compile("--([A-Za-z0-9_-]+)");
  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  /** A flag the user got wrong: {@link Main} prints the message and the main's usage. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Any flag name: the strict parse below checks the names afterwards. */
  private static Flags parseAny(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      // "--name=value" splits in two; "--name" and anything without a name do not.
      String[] nameValue = arg.startsWith("--") ? arg.substring(2).split("=", 2) : new String[1];
      String name = nameValue[0];
      if (name == null || name.isEmpty()) {
        throw new UsageException("expected --name or --name=value, got: " + arg);
      }
      if (nameValue.length == 2) {
        values.put(name, nameValue[1]);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[++i]);
      } else {
        values.put(name, "true");
      }
    }
    return new Flags(values);
  }

  /** Strict parsing: only the flags written in {@code usage} (as {@code --name}) are accepted. */
  public static Flags parse(String usage, String... args) {
    Flags flags = parseAny(args);
    Set<String> declared = new TreeSet<>();
    Matcher m = DECLARED.matcher(usage);
    while (m.find()) {
      declared.add(m.group(1));
    }
    for (String name : new TreeSet<>(flags.values.keySet())) {
      if (!declared.contains(name)) {
        throw new UsageException("unknown flag --" + name);
      }
    }
    return flags;
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
      throw new UsageException("--" + name + " takes a whole number, got: " + value);
    }
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  /** The port a server main listens on: {@code --port}, or the module's documented default. */
  public int port(int defaultPort) {
    int port = integer("port", defaultPort);
    if (port < 0 || port > 65_535) {
      throw new UsageException("--port must be 0..65535, got: " + port);
    }
    return port;
  }

  /** The address a client main connects to: {@code --target}, or localhost at the default port. */
  public String target(int defaultPort) {
    String target = string("target", "localhost:" + defaultPort);
    if (target.contains("://")) {
      throw new UsageException("--target takes HOST:PORT without a scheme (the lab's servers are"
          + " plaintext gRPC, not http), got: " + target);
    }
    return target;
  }
}
