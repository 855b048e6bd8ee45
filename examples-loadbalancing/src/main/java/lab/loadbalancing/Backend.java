package lab.loadbalancing;

import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.proto.loadbalancing.BackendGrpc;

/**
 * One running backend: a LabServer (reflection, grpc.health.v1, graceful shutdown) hosting
 * {@link WhoamiService} under a name. Optionally it limits how long a client connection may
 * live ({@code maxConnectionAge}, gRPC proposal A9), which is what lets connections that sit
 * behind an L4 proxy be re-made and so reach new backends.
 *
 * <p>Every backend reports its load to clients ({@link LoadReport}, for
 * {@code weighted_round_robin}), and a lesson can make it busy or failing at run time.
 */
public final class Backend implements AutoCloseable {
  /** The health service name client-side health checking asks about. */
  public static final String SERVICE = BackendGrpc.SERVICE_NAME;

  private final String name;
  private final LabServer server;
  private final WhoamiService whoami;
  private final LoadReport load;

  private Backend(String name, LabServer server, WhoamiService whoami, LoadReport load) {
    this.name = name;
    this.server = server;
    this.whoami = whoami;
    this.load = load;
  }

  /** A backend on {@code port} (0 = any free port) whose connections live as long as clients like. */
  public static Backend start(String name, int port) throws IOException {
    return start(name, port, null, null);
  }

  /**
   * A backend that sends GOAWAY to each connection once it is {@code maxAge} old (grpc-java
   * adds +-10% jitter so clients do not all reconnect at once) and closes it after a further
   * {@code grace}, giving the calls still in flight on it time to finish.
   */
  public static Backend start(String name, int port, Duration maxAge, Duration grace)
      throws IOException {
    WhoamiService whoami = new WhoamiService(name);
    LoadReport load = new LoadReport();
    LabServer server = LabServer.onPort(port)
        // Only Whoami calls count as load, not health checks: the last interceptor runs first.
        .addService(ServerInterceptors.intercept(whoami, load.perCall(), load))
        .addService(load.outOfBand())
        .configure(netty -> {
          if (maxAge != null) {
            netty.maxConnectionAge(maxAge.toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(grace.toMillis(), TimeUnit.MILLISECONDS);
          }
        })
        .start();
    return new Backend(name, server, whoami, load);
  }

  public String name() {
    return name;
  }

  public int port() {
    return server.port();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port());
  }

  public LabServer server() {
    return server;
  }

  /**
   * Flips what the health service reports, for this service and the whole server. The server
   * keeps accepting connections and calls: only clients that watch health stop sending.
   */
  public void setServing(boolean serving) {
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    server.health().setStatus(SERVICE, status);
    server.health().setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
  }

  /**
   * Makes this backend busy (each call costs {@code factor} times the CPU it did) or, with 1,
   * normal again. It answers as fast as before: only its load reports change.
   */
  public void setBusy(double factor) {
    load.setCpuMsPerCall(LoadReport.NORMAL_CPU_MS_PER_CALL * factor);
  }

  /**
   * Makes this backend fail one call in {@code n} with UNAVAILABLE (0: none), while its health
   * service still says SERVING: the case health checks cannot see and outlier detection can.
   */
  public void failOneCallIn(int n) {
    whoami.failOneCallIn(n);
  }

  /** Graceful stop: health NOT_SERVING, no new calls, in-flight calls finish (bounded). */
  @Override
  public void close() throws InterruptedException {
    server.shutdownGracefully(Duration.ofSeconds(5));
  }
}
