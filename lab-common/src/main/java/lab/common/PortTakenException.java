package lab.common;

import java.net.BindException;

/**
 * A server could not listen because its port on 127.0.0.1 is taken. It carries the port, so
 * {@link Main} can name it in its one-line error without anyone remembering what was asked.
 */
public final class PortTakenException extends BindException {
  private final int port;

  PortTakenException(int port, Throwable cause) {
    super("port " + port + " on 127.0.0.1 is already in use");
    this.port = port;
    initCause(cause);
  }

  public int port() {
    return port;
  }

  /**
   * Whether {@code e}, or a cause of it, says an address was already in use. Netty's native
   * transport reports EADDRINUSE as its own IOException, not a BindException: hence the message.
   */
  static boolean isPortTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
