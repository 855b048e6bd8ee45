package lab.testing;

import io.grpc.Server;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A server that never terminates on its own and records which lifecycle methods were called. */
final class RecordingServer extends Server {
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override public Server start() {
    return this;
  }

  @Override public Server shutdown() {
    calls.add("shutdown");
    return this;
  }

  @Override public Server shutdownNow() {
    calls.add("shutdownNow");
    return this;
  }

  @Override public boolean isShutdown() {
    return !calls.isEmpty();
  }

  @Override public boolean isTerminated() {
    return false;
  }

  @Override public boolean awaitTermination(long timeout, TimeUnit unit) {
    calls.add("awaitTermination");
    return false;
  }

  @Override public void awaitTermination() {
    calls.add("awaitTermination");
  }
}
