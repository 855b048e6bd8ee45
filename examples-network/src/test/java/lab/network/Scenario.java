package lab.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.testing.MainProcess;
import lab.testing.Topology;

/** The pieces every network scenario starts the same way, and how it reads a client's lines. */
final class Scenario {
  private static final Pattern ENDED =
      Pattern.compile("\\+(\\d+) ms ended (\\w+)(?:, (\\d+) ms after the last beat)?");

  private Scenario() {}

  /** NetworkServer on every address of {@code host} (both families), named after it. */
  static MainProcess server(Topology net, String host, String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("--bind", "::", "--name", host));
    args.addAll(List.of(flags));
    MainProcess server = net.java(host, List.of(), NetworkServer.class,
        args.toArray(String[]::new));
    server.await("Listening on", Duration.ofSeconds(90));
    return server;
  }

  static MainProcess client(Topology net, String host, String... flags) throws Exception {
    return net.java(host, List.of(), NetworkClient.class, flags);
  }

  /** How a beats client's stream ended: its code, when, and how long after the last beat. */
  record Ended(String code, long atMs, long msAfterLastBeat) {}

  static Ended ended(MainProcess client, Duration within) throws InterruptedException {
    client.await("ended \\w+", within);
    Matcher m = ENDED.matcher(client.out());
    if (!m.find()) {
      throw new AssertionError("no end line in:\n" + client.out());
    }
    return new Ended(m.group(2), Long.parseLong(m.group(1)),
        m.group(3) == null ? -1 : Long.parseLong(m.group(3)));
  }
}
