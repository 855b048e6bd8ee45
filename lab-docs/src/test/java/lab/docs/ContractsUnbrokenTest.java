package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab cannot break its own contracts unnoticed: every folder of .proto files is checked
 * with `buf breaking` against its committed baseline (a buf image in .ci/contracts, written by
 * .ci/contracts/update), at buf's strictest level (FILE: wire, JSON and generated code). An
 * intended break is made by re-running that script and committing the images with the change.
 */
class ContractsUnbrokenTest {
  private static final Path BASELINES = Repo.ROOT.resolve(".ci/contracts");
  private static final String FIX = "if the change is meant, run .ci/contracts/update and "
      + "commit the images with it";

  @Test
  void noContractOfTheLabBreaksItsCommittedBaseline() throws Exception {
    Repo.requireBuf();
    List<String> problems = new ArrayList<>();
    for (Path dir : Repo.protoDirs()) {
      Path image = baselineOf(dir);
      if (!Files.exists(image)) {
        problems.add(Repo.ROOT.relativize(dir) + ": no baseline " + Repo.ROOT.relativize(image));
        continue;
      }
      String problem = Repo.bufProblems(dir, "breaking", "--against", image.toString(),
          "--config", "{\"version\":\"v2\",\"breaking\":{\"use\":[\"FILE\"]}}");
      if (problem != null) {
        problems.add(problem);
      }
    }
    assertEquals(List.of(), problems, FIX);
  }

  @Test
  void everyBaselineBelongsToAFolderOfProtos() throws IOException {
    List<Path> expected = new ArrayList<>();
    for (Path dir : Repo.protoDirs()) {
      expected.add(baselineOf(dir));
    }
    assertTrue(expected.size() >= 13, "proto folders found: " + expected);
    try (Stream<Path> images = Files.list(BASELINES)) {
      List<Path> stale = images.filter(p -> p.toString().endsWith(".binpb"))
          .filter(p -> !expected.contains(p)).toList();
      assertEquals(List.of(), stale, "baselines of folders that no longer exist; " + FIX);
    }
  }

  /** MODULE/src/main/proto → MODULE.binpb; MODULE/src/main/proto-X → MODULE-X.binpb. */
  static Path baselineOf(Path protoDir) {
    String module = Repo.ROOT.relativize(protoDir).getName(0).toString();
    String suffix = protoDir.getFileName().toString().substring("proto".length());
    return BASELINES.resolve(module + suffix + ".binpb");
  }
}
