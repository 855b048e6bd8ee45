package lab.health;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.Executor;

/**
 * Routes every call to grpc.health.v1.Health onto an executor of its own, and every other
 * call onto the services' executor, so health checks answer even when all the service threads
 * are busy (the notes: health "can service health checks with its own thread pools, not
 * affecting the thread pool of other servicers").
 *
 * <p>Install it with {@code serverBuilder.executor(dispatch).callExecutor(this)}, where
 * {@code dispatch} is a small pool that runs nothing else. grpc-java looks a call's method
 * up, and asks this supplier for its executor, on the server's own executor: if that were the
 * saturated services pool, the lookup would queue behind the blocked calls and health would
 * wait anyway (HealthOnOwnExecutorTest shows both).
 *
 * <p>Why this and not a second server on another port: one port keeps one thing for probes
 * and clients to know, and the health answer comes from the very server it speaks for — a
 * second server could be up while the first one is wedged.
 */
public final class HealthOnOwnExecutor implements ServerCallExecutorSupplier {
  private final Executor healthExecutor;
  private final Executor servicesExecutor;

  public HealthOnOwnExecutor(Executor healthExecutor, Executor servicesExecutor) {
    this.healthExecutor = healthExecutor;
    this.servicesExecutor = servicesExecutor;
  }

  @Override
  public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
    boolean isHealth = HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName());
    return isHealth ? healthExecutor : servicesExecutor;
  }
}
