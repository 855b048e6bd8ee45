package lab.common;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The server bootstrap every lesson's main uses, so each main shows only what its lesson adds.
 * It follows the notes' server steps (create the server, add middleware, add servicers, start)
 * and adds what a real server needs: it binds 127.0.0.1 only, registers server reflection (so
 * {@code grpcurl list} works) and the standard health service, sets the connection limits
 * ({@link ConnectionLimits}; {@link ServerLoops} adds the two grpc-java lacks), limits the
 * calls in flight ({@link CallLimit}), answers unparseable requests ({@link ParseFailures}),
 * keeps the log readable ({@link LogLimiter}), says where it listens, and shuts down gracefully (see
 * {@link #shutdownGracefully}). Plaintext by default; TLS servers pass their credentials and
 * get all of the same.
 */
public final class LabServer {
  private static final Logger log = Logger.getLogger(LabServer.class.getName());
  /** How long in-flight calls get to finish on shutdown before they are cancelled. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  /**
   * Calls in flight in the whole server, over every connection (health Watch streams too):
   * with ConnectionLimits' 256 KiB stream window, clients can leave at most 250 MiB unread.
   */
  public static final int DEFAULT_MAX_CALLS_IN_FLIGHT = 1_000;

  /** After the grace, how long calls ended with UNAVAILABLE get to go before we stop waiting. */
  static final Duration FORCED_STOP_BOUND = Duration.ofSeconds(5);

  private final Server server;
  private final HealthStatusManager health;
  private final Duration drainDelay;
  private final InFlightCalls inFlight;
  private final ServerLoops loops;
  private final CountDownLatch stopDraining = new CountDownLatch(1);

  private LabServer(Server server, HealthStatusManager health, Duration drainDelay,
      InFlightCalls inFlight, ServerLoops loops) {
    this.server = server;
    this.health = health;
    this.drainDelay = drainDelay;
    this.inFlight = inFlight;
    this.loops = loops;
  }

  public static Builder onPort(int port) {
    return new Builder(port);
  }

  public int port() {
    return server.getPort();
  }

  public Server server() {
    return server;
  }

  /** The health service's status manager: lessons flip per-service status through it. */
  public HealthStatusManager health() {
    return health;
  }

  /**
   * Graceful shutdown, in the order a load balancer needs: health goes NOT_SERVING for every
   * service; for the drain delay the server goes on serving, so probes that poll (Kubernetes
   * readiness, a load balancer's health check) see NOT_SERVING and move traffic away while
   * calls still succeed (what a preStop pause does); then the server stops accepting new calls,
   * in-flight calls get {@code grace} to finish, and whatever is still running is ended with
   * UNAVAILABLE "server shutting down" (a code clients may retry elsewhere; grpc-java's own
   * {@code shutdownNow()} would reset them, which clients see as CANCELLED). Open health
   * Watch streams count as in-flight calls. The whole takes at most drain delay + grace +
   * {@link #FORCED_STOP_BOUND}.
   */
  public void shutdownGracefully(Duration grace) throws InterruptedException {
    if (!server.isShutdown()) {
      health.enterTerminalState();
      stopDraining.await(drainDelay.toNanos(), TimeUnit.NANOSECONDS);
    }
    server.shutdown();
    if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      inFlight.closeAll(Status.UNAVAILABLE.withDescription("server shutting down"));
      server.shutdownNow();
      server.awaitTermination(FORCED_STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Calls the server has started and not yet finished (health Watch streams included). */
  public int callsInFlight() {
    return inFlight.count();
  }

  /** Connections open now, at most {@link ConnectionLimits#maxConnections()}. */
  public int connectionsOpen() {
    return loops.connections();
  }

  /** Ends the drain delay at once (for an operator in a hurry, or a test). */
  public void stopDraining() {
    stopDraining.countDown();
  }

  /**
   * Waits until the process is asked to stop (SIGTERM, Ctrl-C), then shuts down gracefully,
   * saying how many calls are draining and for how long at most. A second Ctrl-C forces the
   * stop at once: the drain delay ends and whatever is still running is cancelled.
   */
  public void blockUntilShutdown() throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // System.err, not the logger: JUL's LogManager resets in its own shutdown hook,
      // which may already have run, silencing any log line written here.
      long atMost = drainDelay.plus(DEFAULT_GRACE).plus(FORCED_STOP_BOUND).toSeconds();
      System.err.println("Shutting down: health NOT_SERVING, draining " + callsInFlight()
          + " call(s) in flight for at most " + atMost + " s (Ctrl-C again to force)...");
      try {
        shutdownGracefully(DEFAULT_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.err.println("Server stopped.");
    }, "graceful-shutdown"));
    forceOnSecondCtrlC();
    server.awaitTermination();
  }

  /** The first Ctrl-C exits as usual (running the hook above); the second stops at once. */
  private void forceOnSecondCtrlC() {
    AtomicBoolean pressed = new AtomicBoolean();
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
        if (pressed.compareAndSet(false, true)) {
          new Thread(() -> System.exit(130), "ctrl-c").start();
        } else {
          System.err.println("Forced: cancelling " + callsInFlight() + " call(s) now.");
          stopDraining();
          server.shutdownNow();
        }
      });
    } catch (IllegalArgumentException e) {
      // No SIGINT to handle (java -Xrs, some platforms): the default Ctrl-C still drains.
    }
  }

  public static final class Builder {
    private final int port;
    private String host = "127.0.0.1";
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private final List<Consumer<NettyServerBuilder>> customizers = new ArrayList<>();
    private Duration drainDelay = Duration.ZERO;
    private ConnectionLimits limits = ConnectionLimits.DEFAULT;
    private ServerCredentials credentials = InsecureServerCredentials.create();
    private int maxCallsInFlight = DEFAULT_MAX_CALLS_IN_FLIGHT;
    private boolean reflection = true;

    private Builder(int port) {
      this.port = port;
    }

    public Builder addService(BindableService service) {
      return addService(service.bindService());
    }

    /** Adds {@code service}; a request it cannot parse is answered INTERNAL (ParseFailures). */
    public Builder addService(ServerServiceDefinition service) {
      services.add(ParseFailures.guard(service));
      return this;
    }

    /**
     * The address to listen on (default 127.0.0.1: only this machine can call). The network
     * lesson's hosts listen on their own addresses inside network namespaces; {@code "::"} is
     * every address of both families.
     */
    public Builder bind(String host) {
      this.host = host;
      return this;
    }

    /**
     * No reflection service of this server's own: a generic proxy (examples-contracts) leaves
     * reflection calls to its fallback registry, so they reach the backend and describe the
     * services the proxy forwards to, not the proxy's health service.
     */
    public Builder withoutReflection() {
      this.reflection = false;
      return this;
    }

    /** Middleware for every service, in the notes' words; see NOTES.md on interceptor order. */
    public Builder intercept(ServerInterceptor interceptor) {
      interceptors.add(interceptor);
      return this;
    }

    /** How long to keep serving after health goes NOT_SERVING on shutdown (default: none). */
    public Builder drainDelay(Duration delay) {
      this.drainDelay = delay;
      return this;
    }

    /** TLS or mutual TLS (default: plaintext); every limit and guard applies all the same. */
    public Builder credentials(ServerCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Past this many calls in flight, a new call is refused with RESOURCE_EXHAUSTED. */
    public Builder maxCallsInFlight(int max) {
      this.maxCallsInFlight = max;
      return this;
    }

    /** Replaces the default {@link ConnectionLimits} (configure() can still change any one). */
    public Builder connectionLimits(ConnectionLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Any other server option a lesson needs (executors, keepalive, limits, ...). */
    public Builder configure(Consumer<NettyServerBuilder> customizer) {
      customizers.add(customizer);
      return this;
    }

    public LabServer start() throws IOException {
      LogLimiter.install(); // misbehaving clients must not flood the log
      HealthStatusManager health = new HealthStatusManager();
      InFlightCalls inFlight = new InFlightCalls();
      NettyServerBuilder builder = NettyServerBuilder
          .forAddress(new InetSocketAddress(host, port), credentials)
          .addService(ParseFailures.guard(health.getHealthService().bindService()));
      if (reflection) { // guarded too: garbage sent to either is INTERNAL, not UNKNOWN
        builder.addService(
            ParseFailures.guard(ProtoReflectionServiceV1.newInstance().bindService()));
      }
      limits.applyTo(builder);
      ServerLoops loops = new ServerLoops(limits); // the connection cap and SETTINGS budget
      loops.applyTo(builder);
      services.forEach(builder::addService);
      interceptors.forEach(builder::intercept);
      customizers.forEach(c -> c.accept(builder));
      builder.intercept(inFlight); // added late, so outer: it sees every call it lets in
      builder.intercept(new CallLimit(maxCallsInFlight)); // outermost: refuses before all
      Server server;
      try {
        server = builder.build().start();
      } catch (IOException | RuntimeException e) {
        loops.shutdown(); // the port was taken, say: no server will close them
        if (PortTakenException.isPortTaken(e)) {
          throw new PortTakenException(port, e);
        }
        throw e;
      }
      // "" is the whole server's status, the one a plain health probe asks for:
      // HealthStatusManager starts it SERVING. Each service gets its own status too.
      for (ServerServiceDefinition service : services) {
        health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.SERVING);
      }
      String security = credentials instanceof InsecureServerCredentials ? "plaintext" : "TLS";
      String address = host.contains(":") ? "[" + host + "]" : host;
      log.info(() -> "Listening on " + address + ":" + server.getPort()
          + " (" + security + (reflection ? "; reflection and" : ";")
          + " grpc.health.v1 enabled)");
      return new LabServer(server, health, drainDelay, inFlight, loops);
    }
  }
}
