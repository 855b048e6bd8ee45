package lab.benchmarks.peers;

import java.io.IOException;
import lab.common.LabServer;
import lab.common.Main;
import lab.services.VideoLab;
import lab.services.VideoStore;

/**
 * The lab's own server of the video contract, the one measured against its peers: lab-services'
 * VideoLab, the very server the streaming lesson's VideoServer main starts. peers/run.sh and
 * the tests start the lab's server through this class.
 */
public final class LabVideoServer {
  static final String USAGE = "usage: java -cp benchmarks.jar"
      + " lab.benchmarks.peers.LabVideoServer [--port N]";

  private LabVideoServer() {}

  /** {@code --port N} (0: a free one); logs "Listening on 127.0.0.1:PORT". */
  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> start(flags.port(0)).blockUntilShutdown());
  }

  /** The server on {@code port} (0: a free one) over an empty store, started. */
  public static LabServer start(int port) throws IOException {
    return VideoLab.start(port, new VideoStore());
  }
}
