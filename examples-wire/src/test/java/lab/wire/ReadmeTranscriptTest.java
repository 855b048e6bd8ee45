package lab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lab.common.LabServer;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transcript in RESULTS.md is what WireTranscript prints today, ports aside, and the
 * README's excerpt of it is a piece of it, line for line.
 */
class ReadmeTranscriptTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void theReadmeTranscriptIsTheOutputOfTheTranscriptMain() throws Exception {
    LabServer server = WireServer.start(0);
    grpc.register(server.server());
    List<String> printed = Collections.synchronizedList(new ArrayList<>());
    WireTranscript.run("127.0.0.1", server.port(), printed::add);

    assertEquals(ReadmeBlocks.normalize(ReadmeBlocks.lines("RESULTS.md", "transcript")),
        ReadmeBlocks.normalize(printed),
        "RESULTS.md's transcript drifted from the code: paste the output of "
            + "`./run examples-wire WireTranscript` between the transcript markers");
  }

  @Test
  void theReadmesExcerptIsAPieceOfTheTranscriptLineForLine() throws Exception {
    String transcript = ReadmeBlocks.normalize(ReadmeBlocks.lines("RESULTS.md", "transcript"));
    String excerpt = ReadmeBlocks.normalize(ReadmeBlocks.lines("README.md", "excerpt"));

    assertTrue(excerpt.lines().count() >= 10, "the excerpt shows a whole call: " + excerpt);
    assertTrue(transcript.contains(excerpt + "\n"),
        "README.md's excerpt is not a piece of RESULTS.md's transcript:\n" + excerpt);
  }
}
