package lab.multiplex;

import lab.common.Main;
import lab.idioms.LabChannel;

/**
 * Prints the services a server hosts, one per line, like {@code grpcurl -plaintext host list}.
 * Works against any lab server. Flags: {@code --target} (default localhost:50056).
 */
public final class ReflectionClient {
  static final String USAGE = "usage: ./run examples-multiplex ReflectionClient"
      + " [--target HOST:PORT]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-multiplex MultiplexServer", flags -> {
      try (LabChannel lab = LabChannel.plaintext(flags.target(MultiplexServer.DEFAULT_PORT))) {
        ServiceLister.listServices(lab.channel()).forEach(System.out::println);
      }
    });
  }
}
