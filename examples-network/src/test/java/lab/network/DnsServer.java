package lab.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.testing.Required;
import lab.testing.Topology;

/**
 * Debian's dnsmasq inside one host, answering for names the test sets (A and AAAA records from
 * a hosts file, TTL 0), and nothing else: no upstream servers, no /etc/hosts. Changing a name
 * rewrites the file and sends SIGHUP, and returns once dnsmasq has read it again.
 */
final class DnsServer implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final StringBuffer log = new StringBuffer();
  private int reads;

  private DnsServer(Topology net, String host, Path dir) throws IOException {
    this.dir = dir;
    this.process = net.start(host, binary(), "--no-daemon", "--user=root", "--no-resolv",
        "--no-hosts", "--bind-interfaces", "--listen-address=" + net.ipv4(host),
        "--listen-address=" + net.ipv6(host), "--local-ttl=0", "--log-queries",
        "--pid-file=" + dir.resolve("pid"), "--addn-hosts=" + dir.resolve("hosts"));
    Thread reader = new Thread(this::read, "dnsmasq-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** dnsmasq in {@code host}, serving {@code name} at {@code addresses}. */
  static DnsServer start(Topology net, String host, String name, List<String> addresses)
      throws Exception {
    Path dir = Files.createTempDirectory("lab-dns-");
    write(dir, name, addresses);
    DnsServer dns = new DnsServer(net, host, dir);
    dns.awaitReads(1);
    return dns;
  }

  /** From now on {@code name} resolves to {@code addresses} (and only them). */
  void set(String name, List<String> addresses) throws Exception {
    int before;
    synchronized (this) {
      before = reads;
    }
    write(dir, name, addresses);
    new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor(10,
        TimeUnit.SECONDS);
    awaitReads(before + 1);
  }

  String log() {
    return log.toString();
  }

  private static void write(Path dir, String name, List<String> addresses) throws IOException {
    StringBuilder hosts = new StringBuilder();
    addresses.forEach(a -> hosts.append(a).append(' ').append(name).append('\n'));
    Files.writeString(dir.resolve("hosts"), hosts);
  }

  private synchronized void awaitReads(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (reads < n) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0 || !process.isAlive()) {
        throw new AssertionError("dnsmasq did not read its hosts file; its log:\n" + log);
      }
      wait(Math.min(left, 100));
    }
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        log.append(line).append('\n');
        if (line.contains("read " + dir.resolve("hosts"))) {
          synchronized (this) {
            reads++;
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // stopped
    }
  }

  private static String binary() {
    for (String candidate : new String[] {"/usr/sbin/dnsmasq", "/usr/bin/dnsmasq"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    Required.missing("dnsmasq not found: install it with `" + Topology.INSTALL + "` (as root)");
    return null;
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
