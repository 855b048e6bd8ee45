package lab.observability;

import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerBuilder;
import io.grpc.opentelemetry.GrpcOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * gRPC's standard per-method metrics (grpc-opentelemetry), recorded by an OpenTelemetry SDK
 * that hands them to the given readers (a Prometheus endpoint, a table printer, ...).
 *
 * <p>Instrumenting a server or a channel adds a stream tracer to every call, which records
 * {@code grpc.server.call.started}, {@code grpc.server.call.duration} and the message-size
 * histograms on a server; {@code grpc.client.attempt.*} and {@code grpc.client.call.duration}
 * on a channel; each with {@code grpc.method} and, once the call ends, {@code grpc.status}.
 * Only generated (registered) methods get their own {@code grpc.method} label; anything
 * else is counted under "other", so a scanner cannot blow up the number of series.
 */
public final class Telemetry implements AutoCloseable {
  private final OpenTelemetrySdk sdk;
  private final GrpcOpenTelemetry grpc;

  private Telemetry(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.grpc = GrpcOpenTelemetry.newBuilder().sdk(sdk).build();
  }

  public static Telemetry readBy(MetricReader... readers) {
    SdkMeterProviderBuilder meters = SdkMeterProvider.builder();
    for (MetricReader reader : readers) {
      meters.registerMetricReader(reader);
    }
    return new Telemetry(OpenTelemetrySdk.builder().setMeterProvider(meters.build()).build());
  }

  public <T extends ServerBuilder<?>> T instrument(T server) {
    grpc.configureServerBuilder(server);
    return server;
  }

  public <T extends ManagedChannelBuilder<?>> T instrument(T channel) {
    grpc.configureChannelBuilder(channel);
    return channel;
  }

  /** Flushes and stops the readers (a last export, the metrics endpoint's server). */
  @Override
  public void close() {
    sdk.close();
  }
}
