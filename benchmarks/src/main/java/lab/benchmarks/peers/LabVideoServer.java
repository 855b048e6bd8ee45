package lab.benchmarks.peers;

import java.io.IOException;
import lab.common.LabServer;
import lab.services.VideoStore;
import lab.streaming.VideoServer;

/**
 * The lab's own server of the video contract, the one measured against its peers: the lesson's
 * VideoServer, unchanged. This is the only class of the benchmarks that names a lesson's code
 * (the import above), so that a move of VideoServer is one line here; peers/run.sh and the
 * tests start the lab's server through this class, never through the lesson's name.
 */
public final class LabVideoServer {
  private LabVideoServer() {}

  /** VideoServer's own main and flags ({@code --port N}); logs "Listening on 127.0.0.1:PORT". */
  public static void main(String[] args) throws Exception {
    VideoServer.main(args);
  }

  /** The server on {@code port} (0: a free one) over an empty store, started. */
  public static LabServer start(int port) throws IOException {
    return VideoServer.start(port, new VideoStore());
  }
}
