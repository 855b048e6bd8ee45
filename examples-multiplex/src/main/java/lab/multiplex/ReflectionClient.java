package lab.multiplex;

import lab.common.Flags;
import lab.common.LabChannel;

/**
 * Prints the services a server hosts, one per line, like {@code grpcurl -plaintext host list}.
 * Works against any lab server. Flags: {@code --target} (default localhost:50056).
 */
public final class ReflectionClient {
  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args);
    try (LabChannel lab = LabChannel.plaintext(flags.target(MultiplexServer.DEFAULT_PORT))) {
      ServiceLister.listServices(lab.channel()).forEach(System.out::println);
    }
  }
}
