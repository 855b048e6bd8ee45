package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transcript in the README is what WireTranscript prints today, ports aside. */
class ReadmeTranscriptTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void theReadmeTranscriptIsTheOutputOfTheTranscriptMain() throws Exception {
    LabServer server = WireServer.start(0);
    grpc.register(server.server());
    List<String> printed = Collections.synchronizedList(new ArrayList<>());
    WireTranscript.run("127.0.0.1", server.port(), printed::add);

    assertEquals(ReadmeBlocks.normalize(ReadmeBlocks.lines("transcript")),
        ReadmeBlocks.normalize(printed),
        "README.md's transcript drifted from the code: paste the output of "
            + "`./run examples-wire WireTranscript` between the transcript markers");
  }
}
