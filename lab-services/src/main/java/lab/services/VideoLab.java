package lab.services;

import java.io.IOException;
import lab.common.LabServer;

/**
 * The video lab's server: {@link VideoService} over a store, on LabServer. One place for the
 * set-up, so the streaming lesson's {@code VideoServer} main and the benchmarks start the same
 * server (a benchmark never depends on a lesson module).
 */
public final class VideoLab {
  private VideoLab() {}

  /**
   * The video lab's server over {@code store} on {@code port} (0: a free one), started.
   *
   * <p>It practises what the lab teaches: VideoService's handlers never block (the store takes
   * a short lock at most, and every write goes through flow control instead of waiting), so
   * they run on the transport's own threads ({@code directExecutor}) instead of being handed
   * to a pool for every message, a thread wake-up each time. A handler that blocked would
   * stall every call on its connection here; benchmarks/README.md ("The video lab against its
   * peers") has the numbers.
   */
  public static LabServer start(int port, VideoStore store) throws IOException {
    return onPort(port, store).start();
  }

  /** The same server, not started yet: a test adds its interceptor first. */
  public static LabServer.Builder onPort(int port, VideoStore store) {
    return LabServer.onPort(port).addService(new VideoService(store))
        .configure(builder -> builder.directExecutor());
  }
}
