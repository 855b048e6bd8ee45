package lab.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A main's console, captured in the test JVM: hand {@link #stdout} and {@link #stderr} to a
 * client's main body (its {@code run(flags, out)} and Main's error stream), then read back
 * what it printed.
 */
public final class Console {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

  public PrintStream stdout() {
    return stdout;
  }

  public PrintStream stderr() {
    return stderr;
  }

  /** What was printed to {@link #stdout} so far. */
  public String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What was printed to {@link #stderr} so far. */
  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A client's flags: {@code --target 127.0.0.1:PORT}, then {@code args}. */
  public static String[] targeting(int port, String... args) {
    String[] all = Arrays.copyOf(new String[] {"--target", "127.0.0.1:" + port}, 2 + args.length);
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }
}
