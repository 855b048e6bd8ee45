package lab.health;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.logging.Logger;

/**
 * Ties a service's health to something it depends on (a database, a downstream API). When
 * the dependency goes down the service reports NOT_SERVING, so load balancers and probes
 * stop sending it traffic; when it comes back, SERVING. The whole server ("") stays SERVING:
 * it is up, one service of it is degraded.
 */
public final class DependencyMonitor {
  private static final Logger log = Logger.getLogger(DependencyMonitor.class.getName());

  private final HealthStatusManager health;
  private final String service;
  private final String dependency;

  public DependencyMonitor(HealthStatusManager health, String service, String dependency) {
    this.health = health;
    this.service = service;
    this.dependency = dependency;
  }

  public void dependencyDown() {
    log.warning(() -> dependency + " is down: " + service + " -> NOT_SERVING");
    health.setStatus(service, ServingStatus.NOT_SERVING);
  }

  public void dependencyUp() {
    log.info(() -> dependency + " is back: " + service + " -> SERVING");
    health.setStatus(service, ServingStatus.SERVING);
  }
}
