package lab.check;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.common.Flags;
import javax.net.ssl.SSLException;
import lab.common.Main;

/**
 * Checks any gRPC server against what the lab teaches: basics (reflection, health, UNIMPLEMENTED,
 * HTTP/2 only, 415, SETTINGS, compression), bad input on every method, the server's side of
 * deadlines, and (only when asked, against a server of one's own) hostile clients. Prints each
 * finding as it comes and a table at the end; exits 1 if any check failed.
 */
public final class Check {
  static final String USAGE = "usage: ./run lab-check Check --target HOST:PORT"
      + " [--tls [--ca FILE] | --insecure] [--only GROUP,... of basics,bad-input,deadlines,hostile]"
      + " [--hostile [--host-is-mine]] [--methods /pkg.Service/Method[:KIND],...]"
      + " [--patience SECONDS] [--json FILE] [--markdown FILE]";
  static final List<String> GROUPS = List.of(Basics.GROUP, BadInput.GROUP, Deadlines.GROUP,
      Hostile.GROUP);

  private Check() {}

  /** What a run found, and the exit code that says it: 1 if any check failed, else 0. */
  record Result(List<Finding> findings, int exitCode) {
    Finding find(String check) {
      return findings.stream().filter(f -> f.check().equals(check)).findFirst()
          .orElseThrow(() -> new AssertionError("no check \"" + check + "\" in " + findings));
    }
  }

  public static void main(String[] args) throws Exception {
    int[] verdict = {0};
    int code = Main.exitCode(args, USAGE, null,
        flags -> verdict[0] = run(flags, System.out).exitCode(), System.err);
    if (code != 0 || verdict[0] != 0) {
      System.exit(code != 0 ? code : verdict[0]);
    }
  }

  /** Runs the checks {@code flags} ask for, printing as it goes and the table at the end. */
  static Result run(Flags flags, PrintStream out)
      throws IOException, InterruptedException, GeneralSecurityException {
    Target target = target(flags);
    List<String> groups = groups(flags, target);
    Duration patience = Duration.ofSeconds(flags.integer("patience", 15));
    if (patience.isNegative() || patience.isZero()) {
      throw new Flags.UsageException("--patience is seconds, at least 1, got: "
          + patience.toSeconds());
    }
    String named = flags.string("methods", null);
    Discovery namedMethods;
    try {
      namedMethods = named == null ? null
          : Discovery.named(Arrays.asList(named.split(",")), "methods named with --methods");
    } catch (IllegalArgumentException e) {
      throw new Flags.UsageException("--methods: " + e.getMessage());
    }
    reach(target);
    out.println("lab-check of " + target.authority() + (target.tlsOn() ? " (TLS)" : ""));
    ManagedChannel channel = target.channel();
    Discovery discovery = namedMethods != null ? namedMethods : Discovery.ask(channel);
    out.println(discovery.note() + "; " + discovery.methods().size() + " methods to probe;"
        + " groups: " + String.join(", ", groups));
    List<Finding> findings;
    try (Probe p = new Probe(target, discovery, channel, patience, Probe.printingTo(out))) {
      for (String group : groups) {
        switch (group) {
          case Basics.GROUP -> Basics.run(p);
          case BadInput.GROUP -> BadInput.run(p);
          case Deadlines.GROUP -> Deadlines.run(p);
          default -> Hostile.run(p);
        }
      }
      findings = p.findings();
    }
    out.println();
    out.print(Report.table(target.authority(), findings));
    write(flags.string("json", null), Report.json(target.authority(), findings), out);
    write(flags.string("markdown", null), Report.markdown(target.authority(), findings), out);
    return new Result(findings, Report.counts(findings).get(Verdict.FAIL) > 0 ? Main.FAILED : 0);
  }

  static Target target(Flags flags) throws IOException, GeneralSecurityException {
    String target = flags.string("target", null);
    int colon = target == null ? -1 : target.lastIndexOf(':');
    if (colon <= 0) {
      throw new Flags.UsageException("--target HOST:PORT is required, got: " + target);
    }
    String host = target.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new Flags.UsageException("--target's port is not a number: " + target);
    }
    if (flags.bool("insecure")) {
      return Target.insecureTls(host, port);
    }
    String ca = flags.string("ca", null);
    if (flags.bool("tls") || ca != null) {
      return Target.tls(host, port, ca == null ? null : Path.of(ca));
    }
    return Target.plaintext(host, port);
  }

  /** The groups to run: --only's (a comma list), else all but hostile, which needs --hostile. */
  static List<String> groups(Flags flags, Target target) {
    String only = flags.string("only", null);
    List<String> asked = only == null ? GROUPS : Arrays.asList(only.split(","));
    for (String g : asked) {
      if (!GROUPS.contains(g)) {
        throw new Flags.UsageException("--only takes some of " + GROUPS + ", got: " + g);
      }
    }
    boolean hostile = flags.bool("hostile");
    if (only != null && asked.contains(Hostile.GROUP) && !hostile) {
      throw new Flags.UsageException("the hostile checks flood the server: add --hostile");
    }
    if (hostile && !target.isLoopback() && !flags.bool("host-is-mine")) {
      throw new Flags.UsageException("the hostile checks flood " + target.host() + ", which is"
          + " not this machine: add --host-is-mine if it is yours to attack");
    }
    List<String> groups = new ArrayList<>();
    for (String g : GROUPS) { // in the table's order, whatever the order asked
      if (asked.contains(g) && (hostile || !g.equals(Hostile.GROUP))) {
        groups.add(g);
      }
    }
    return groups;
  }

  /**
   * Connects once, so an address that cannot be reached ends the run in one line (Main prints
   * a ConnectException's message) instead of a table of failures.
   */
  static void reach(Target target) throws IOException {
    try (Socket socket = target.socket()) {
      socket.getInputStream(); // connected, and past the TLS handshake if any
    } catch (UnknownHostException e) {
      throw new ConnectException("unknown host: " + target.host());
    } catch (SSLException e) {
      throw new ConnectException("TLS handshake with " + target.authority() + " failed: "
          + e.getMessage() + " (--ca FILE names the CA of its certificate; --insecure trusts"
          + " any)");
    }
  }

  private static void write(String file, String report, PrintStream out) throws IOException {
    if (file != null) {
      Files.writeString(Path.of(file), report);
      out.println("wrote " + file);
    }
  }
}
