package lab.common;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.net.ConnectException;

/**
 * What every lesson's main runs inside, so a newcomer's mistakes end in one or two lines and a
 * non-zero exit instead of a stack trace: a flag that is unknown, misspelled or badly valued
 * (exit 2, with the main's usage), a server that is not running (the address and the command
 * that starts it), a port already taken (how to pick another), a call that ended with an error
 * status (exit 1). Anything else is a bug in the lab and keeps its stack trace.
 */
public final class Main {
  public static final int USAGE_ERROR = 2;
  public static final int FAILED = 1;

  /** A main's body, given its parsed flags. */
  public interface Body {
    void run(Flags flags) throws Exception;
  }

  private Main() {}

  /** Runs a server or tool main whose flags are the {@code --names} written in {@code usage}. */
  public static void run(String[] args, String usage, Body body) throws Exception {
    exit(exitCode(args, usage, null, body, System.err));
  }

  /** Runs a client main; {@code startServer} is the command a user runs first (./run ...). */
  public static void client(String[] args, String usage, String startServer, Body body)
      throws Exception {
    exit(exitCode(args, usage, startServer, body, System.err));
  }

  /** The testable core: runs {@code body}, reports a known mistake on {@code err}, returns the
   * exit code. */
  public static int exitCode(String[] args, String usage, String startServer, Body body,
      PrintStream err) throws Exception {
    Flags flags;
    try {
      flags = Flags.parse(usage, args);
    } catch (Flags.UsageException e) {
      return usageError(e, usage, err);
    }
    try {
      body.run(flags);
      return 0;
    } catch (Flags.UsageException e) {
      return usageError(e, usage, err);
    } catch (Exception e) {
      if (PortTakenException.isPortTaken(e)) {
        err.println("error: " + portOf(e, flags) + " on 127.0.0.1 is already in use"
            + " (is this server already running?). Pick another with --port N (--port 0 picks"
            + " any free port).");
        return FAILED;
      }
      Status status = statusOf(e);
      Throwable refused = find(e, ConnectException.class);
      if (status == null && refused != null) {
        // Not a gRPC call (an HTTP API, say): the exception's message names what is missing.
        err.println("error: "
            + (refused.getMessage() != null ? refused.getMessage() : "connection refused"));
        return FAILED;
      }
      if (status == null) {
        throw e; // not a mistake we know: a bug in the lab, keep its stack trace
      }
      if (status.getCode() == Status.Code.UNAVAILABLE && refused != null) {
        String target = flags.string("target", "the server");
        err.println("error: cannot reach " + target + " (connection refused): is the server"
            + " running?" + (startServer == null ? "" : " Start it with: " + startServer));
        return FAILED;
      }
      err.println("error: the call failed with " + describe(status));
      return FAILED;
    }
  }

  /** A status in one line, "CODE: description", without the cause's stack trace. */
  public static String describe(Status status) {
    String description = status.getDescription();
    return status.getCode() + (description == null ? "" : ": " + description);
  }

  private static int usageError(Flags.UsageException e, String usage, PrintStream err) {
    err.println("error: " + e.getMessage());
    err.println(usage);
    return USAGE_ERROR;
  }

  /** Exits only on failure: System.exit from a main whose server is shutting down would hang. */
  private static void exit(int code) {
    if (code != 0) {
      System.exit(code);
    }
  }

  /** "port N": from LabServer's exception, else the --port asked for, else "the port". */
  private static String portOf(Throwable e, Flags flags) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PortTakenException taken) {
        return "port " + taken.port();
      }
    }
    String asked = flags.string("port", null);
    return asked == null ? "the port" : "port " + asked;
  }

  private static Status statusOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus();
      }
      if (t instanceof StatusException s) {
        return s.getStatus();
      }
    }
    return null;
  }

  /** The first of {@code e} and its causes that is a {@code type}, or null. */
  private static Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
