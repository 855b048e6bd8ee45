package lab.loadbalancing;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.services.MetricRecorder;
import io.grpc.xds.orca.OrcaMetricReportingServerInterceptor;
import io.grpc.xds.orca.OrcaServiceImpl;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a backend tells its clients about its load (ORCA, gRFC A51): its calls per second
 * ({@code qps}) and its CPU utilization, in the trailers of every reply (per call) and on a
 * stream a client may open to {@code xds.service.orca.v3.OpenRcaService} (out of band).
 * {@code weighted_round_robin} weighs each backend by {@code qps / utilization}: the calls it
 * serves per unit of CPU.
 *
 * <p>The CPU is simulated, so a test can make a backend busy: each call costs
 * {@code cpuMsPerCall} milliseconds, and utilization = qps x cost / 1000. A real backend would
 * report what it measures (its process's CPU, its queue); what the client does with it is
 * the same.
 */
final class LoadReport implements ServerInterceptor {
  /** What a call costs a backend that is not busy: 1 ms of CPU. */
  static final double NORMAL_CPU_MS_PER_CALL = 1;
  /** The shortest interval at which out-of-band reports are sent, whatever a client asks. */
  static final long MIN_OUT_OF_BAND_INTERVAL_MS = 100;

  /**
   * The out-of-band service's timer, shared by every backend in this JVM and living as long as
   * it (like grpc-java's own timer): one daemon thread, however many backends a test starts.
   */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      task -> {
        Thread thread = new Thread(task, "orca-reports");
        thread.setDaemon(true);
        return thread;
      });

  private final MetricRecorder recorder = MetricRecorder.newInstance();
  private final CallRate calls = new CallRate();
  private volatile double cpuMsPerCall = NORMAL_CPU_MS_PER_CALL;

  void setCpuMsPerCall(double ms) {
    cpuMsPerCall = ms;
  }

  /** Counts the call, then updates the figures the reports will carry. */
  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
      Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    calls.record();
    long qps = calls.perSecond();
    recorder.setQpsMetric(qps);
    recorder.setCpuUtilizationMetric(qps * cpuMsPerCall / 1000);
    return next.startCall(call, headers);
  }

  /** Adds the recorder's figures to every call's trailers (header endpoint-load-metrics-bin). */
  ServerInterceptor perCall() {
    return OrcaMetricReportingServerInterceptor.create(recorder);
  }

  /** The out-of-band service: a client opens a stream and gets the figures periodically. */
  BindableService outOfBand() {
    return OrcaServiceImpl.createService(TIMER, recorder, MIN_OUT_OF_BAND_INTERVAL_MS,
        TimeUnit.MILLISECONDS);
  }
}
