package lab.observability;

import lab.common.Main;
import lab.idioms.LabChannel;

/**
 * Prints what a running process's channelz says, like grpcdebug: point it at the work server
 * to see its listening socket, one socket per connected client and the calls it has served;
 * point it at a LoadClient started with {@code --admin-port} to see the client's channel.
 *
 * <p>Flags: {@code --target host:port} (default localhost:50059).
 */
public final class ChannelzClient {
  static final String USAGE = "usage: ./run examples-observability ChannelzClient"
      + " [--target HOST:PORT]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-observability ObservabilityServer", flags -> {
      try (LabChannel lab = LabChannel.plaintext(flags.target(ObservabilityServer.DEFAULT_PORT))) {
        System.out.print(new ChannelzPrinter(lab.channel()).report());
      }
    });
  }
}
