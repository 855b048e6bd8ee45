package lab.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts on one Ethernet segment, as a test describes them: {@code Topology.of("client",
 * "server")}, or on two joined by a router ({@link #routed}). Each host is a Linux network
 * namespace with its own loopback and an {@code eth0} holding an IPv4 and an IPv6 address
 * ({@code 10.77.0.N}, {@code fd77:0::N}, N its place in the list); a segment is a bridge in one
 * more namespace, joined to each host by a veth pair.
 * Nothing is added to the machine's own network: every address lives inside namespaces this
 * class created, and {@link #close()} stops what runs in them and deletes them.
 *
 * <p>Needs root and iproute2 ({@code ip}); nftables, tc and dnsmasq are run by the tests that
 * need them. Without them a test is skipped with the install command, or fails in CI
 * ({@link Required#missing}).
 */
public final class Topology implements AutoCloseable {
  public static final String INSTALL = "apt-get install -y iproute2 nftables dnsmasq";
  /**
   * The segments themselves, as a host name: {@code nft(SEGMENT, ...)} loads rules that see
   * every frame between hosts (family bridge), where a fault in the network belongs.
   */
  public static final String SEGMENT = "segment";
  private static final Pattern OURS = Pattern.compile("^lab(\\d+)-\\S+");

  private final String prefix = "lab" + ProcessHandle.current().pid() + "-" + Long.toString(
      System.nanoTime() % 100_000, 36) + "-";
  /** Each host's interfaces: segment number to the last byte of its address there. */
  private final Map<String, Map<Integer, Integer>> hosts = new LinkedHashMap<>();
  private final List<Process> started = new ArrayList<>();
  private final Thread onExit = new Thread(this::removeQuietly, "topology-cleanup");

  private Topology() {}

  /** Builds the hosts, in this order, on one segment, each address usable as soon as it returns. */
  public static Topology of(String... names) throws Exception {
    return build(null, List.of(List.of(names)));
  }

  /**
   * Two segments joined by {@code router}, which forwards between them (and is where a test puts
   * a middlebox's rules: {@code nft(router, ...)} in its forward hook): {@code left} on
   * 10.77.0.0/24 and fd77:0::/64, {@code right} on 10.77.1.0/24 and fd77:1::/64, each host with
   * a default route through the router ({@code .254} on each side).
   */
  public static Topology routed(String router, List<String> left, List<String> right)
      throws Exception {
    return build(router, List.of(left, right));
  }

  private static Topology build(String router, List<List<String>> segments) throws Exception {
    requireRootAndIp();
    removeStale();
    Topology net = new Topology();
    Runtime.getRuntime().addShutdownHook(net.onExit); // a killed test leaves nothing behind
    try {
      net.build0(router, segments);
    } catch (Exception | AssertionError e) {
      net.close();
      throw e;
    }
    return net;
  }

  private void build0(String router, List<List<String>> segments) throws Exception {
    String sw = prefix + "sw";
    ip("netns", "add", sw);
    int port = 0;
    for (int seg = 0; seg < segments.size(); seg++) {
      ip("-n", sw, "link", "add", "br" + seg, "type", "bridge");
      ip("-n", sw, "link", "set", "br" + seg, "up");
      int n = 1;
      for (String name : segments.get(seg)) {
        attach(name, seg, n++, "eth0", ++port);
        if (router != null) {
          ip("-n", prefix + name, "route", "add", "default", "via", "10.77." + seg + ".254");
          ip("-n", prefix + name, "-6", "route", "add", "default", "via",
              "fd77:" + seg + "::254");
        }
      }
    }
    if (router != null) {
      for (int seg = 0; seg < segments.size(); seg++) {
        attach(router, seg, 254, "eth" + seg, ++port);
      }
      sysctl(router, "net.ipv4.ip_forward", "1");
      sysctl(router, "net.ipv6.conf.all.forwarding", "1");
    }
  }

  /** Host {@code name} (its namespace made on first use) gets {@code dev} on segment {@code seg}. */
  private void attach(String name, int seg, int n, String dev, int port) throws Exception {
    String ns = prefix + name;
    if (!hosts.containsKey(name)) {
      ip("netns", "add", ns);
      ip("-n", ns, "link", "set", "lo", "up");
      hosts.put(name, new LinkedHashMap<>());
    }
    hosts.get(name).put(seg, n);
    String sw = prefix + "sw";
    ip("-n", sw, "link", "add", "p" + port, "type", "veth", "peer", "name", dev, "netns", ns);
    ip("-n", sw, "link", "set", "p" + port, "master", "br" + seg, "up");
    ip("-n", ns, "addr", "add", "10.77." + seg + "." + n + "/24", "dev", dev);
    // nodad: usable at once, instead of after IPv6 duplicate address detection (~1 s)
    ip("-n", ns, "addr", "add", "fd77:" + seg + "::" + n + "/64", "dev", dev, "nodad");
    ip("-n", ns, "link", "set", dev, "up");
  }

  /** The host's IPv4 address (on its first segment). */
  public String ipv4(String host) {
    Map.Entry<Integer, Integer> first = first(host);
    return "10.77." + first.getKey() + "." + first.getValue();
  }

  /** The host's IPv6 address (on its first segment). */
  public String ipv6(String host) {
    Map.Entry<Integer, Integer> first = first(host);
    return "fd77:" + first.getKey() + "::" + first.getValue();
  }

  /** The namespace's name, for commands a reader types: {@code ip netns exec NAME ...}. */
  public String namespace(String host) {
    if (host.equals(SEGMENT)) {
      return prefix + "sw";
    }
    first(host);
    return prefix + host;
  }

  /** {@code command} run inside {@code host}; returns its output, or fails with it. */
  public String run(String host, String... command) throws Exception {
    return exec(null, inside(host, command));
  }

  /** Loads an nftables ruleset ({@code nft -f}) into {@code host}. */
  public void nft(String host, String ruleset) throws Exception {
    exec(ruleset, inside(host, "nft", "-f", "-"));
  }

  /**
   * The network between {@code a} and {@code b} starts dropping every packet, both ways and
   * both families, without a word to either host: a black hole (a dead link, a firewall that
   * drops, a peer whose machine vanished). The rules sit on the segment, not on the hosts.
   */
  public void cut(String a, String b) throws Exception {
    cut(a, b, true, true);
  }

  /** Like {@link #cut}, for IPv6 only: IPv4 between the two still flows (a broken dual stack). */
  public void cutIpv6(String a, String b) throws Exception {
    cut(a, b, false, true);
  }

  private void cut(String a, String b, boolean v4, boolean v6) throws Exception {
    StringBuilder rules = new StringBuilder("table bridge faults {\n  chain cut {\n"
        + "    type filter hook forward priority 0;\n");
    for (String[] pair : List.of(new String[] {a, b}, new String[] {b, a})) {
      if (v4) {
        rules.append("    ip saddr ").append(ipv4(pair[0])).append(" ip daddr ")
            .append(ipv4(pair[1])).append(" counter drop\n");
      }
      if (v6) {
        rules.append("    ip6 saddr ").append(ipv6(pair[0])).append(" ip6 daddr ")
            .append(ipv6(pair[1])).append(" counter drop\n");
      }
    }
    nft(SEGMENT, rules.append("  }\n}\n").toString());
  }

  /** Ends every {@link #cut}: packets flow again (connections that survived carry on). */
  public void heal() throws Exception {
    run(SEGMENT, "nft", "delete", "table", "bridge", "faults");
  }

  /**
   * Programs run inside {@code host} by this class resolve names with the DNS server at
   * {@code nameserver}: {@code ip netns exec} mounts /etc/netns/NAME/resolv.conf over
   * /etc/resolv.conf, so the host's libc (and the JVM, which asks it) sees only that server.
   * The file is removed with the topology.
   */
  public void resolver(String host, String nameserver) throws IOException {
    Path dir = Path.of("/etc/netns", namespace(host));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("resolv.conf"), "nameserver " + nameserver + "\n");
  }

  /** Sets a sysctl inside {@code host} (net.* sysctls are each namespace's own). */
  public void sysctl(String host, String name, String value) throws Exception {
    run(host, "sysctl", "-q", "-w", name + "=" + value);
  }

  /** A lesson's main in its own JVM inside {@code host}; closed with the topology too. */
  public MainProcess java(String host, List<String> jvmOptions, Class<?> main, String... args)
      throws IOException {
    return MainProcess.start(List.of("ip", "netns", "exec", namespace(host)), jvmOptions, main,
        args);
  }

  /** A background program inside {@code host} (a DNS server, a packet monitor), output merged. */
  public Process start(String host, String... command) throws IOException {
    Process process = new ProcessBuilder(inside(host, command)).redirectErrorStream(true).start();
    synchronized (started) {
      started.add(process);
    }
    return process;
  }

  @Override
  public void close() throws InterruptedException {
    removeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs, and finds nothing left to do
    }
  }

  private synchronized void removeQuietly() {
    synchronized (started) {
      started.forEach(Process::destroyForcibly);
      started.clear();
    }
    List<String> names = new ArrayList<>();
    hosts.keySet().forEach(h -> names.add(prefix + h));
    names.add(prefix + "sw");
    names.forEach(Topology::delete);
    names.forEach(ns -> deleteTree(Path.of("/etc/netns", ns)));
    hosts.clear();
  }

  /** Kills what still runs in namespace {@code ns}, then deletes it (and its veths). */
  private static void delete(String ns) {
    try {
      String pids = exec(null, List.of("ip", "netns", "pids", ns)).trim();
      for (String pid : pids.split("\\s+")) {
        if (!pid.isEmpty()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      exec(null, List.of("ip", "netns", "delete", ns));
    } catch (Exception | AssertionError e) {
      // not there (never built, or deleted already)
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // none was written for this host
    }
  }

  /** Namespaces left by a test JVM that was killed before it could clean up. */
  private static void removeStale() throws Exception {
    for (String line : exec(null, List.of("ip", "netns", "list")).split("\n")) {
      Matcher m = OURS.matcher(line.trim());
      if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
        String ns = line.trim().split("\\s+")[0];
        delete(ns);
        deleteTree(Path.of("/etc/netns", ns));
      }
    }
  }

  private Map.Entry<Integer, Integer> first(String host) {
    Map<Integer, Integer> interfaces = hosts.get(host);
    if (interfaces == null) {
      throw new IllegalArgumentException("no host " + host + " in " + hosts.keySet());
    }
    return interfaces.entrySet().iterator().next();
  }

  private List<String> inside(String host, String... command) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
    all.addAll(List.of(command));
    return all;
  }

  private static void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    exec(null, command);
  }

  private static String exec(String stdin, List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(output lost: " + e + ")";
      }
    });
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 30 s: " + command);
    }
    String text = output.get(10, TimeUnit.SECONDS);
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue()
          + ":\n" + text);
    }
    return text;
  }

  private static void requireRootAndIp() throws IOException {
    if (Required.onPath("ip") == null && !Files.isExecutable(Path.of("/usr/sbin/ip"))) {
      Required.missing("ip not found: install iproute2 with `" + INSTALL + "` (as root)");
    }
    boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[1].equals("0"));
    if (!root) {
      Required.missing("network namespaces need root: run the network lesson's tests as root"
          + " (CI does), e.g. `sudo ./mvnw -pl examples-network test`");
    }
  }
}
