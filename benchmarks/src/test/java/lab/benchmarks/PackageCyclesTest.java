package lab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' packages each answer one question (throughput, layers, ladder, scaling,
 * memory, peers) and lean on shared ones (support, report). Two packages that use each other,
 * directly or through a chain, are one tangle that only looks like two: this test reads the
 * sources and fails naming the cycle.
 */
class PackageCyclesTest {
  private static final Path MAIN = Path.of("src/main/java"); // tests run in benchmarks/
  private static final Path TEST = Path.of("src/test/java");
  private static final String BENCHMARKS = "lab.benchmarks";

  @Test
  void benchmarkPackagesDoNotImportEachOtherInACycle() {
    Map<String, Set<String>> graph = PackageGraph.within(PackageGraph.read(MAIN), BENCHMARKS);

    assertTrue(graph.size() >= 8, "the scan found the packages: " + graph.keySet());
    List<String> cycle = PackageGraph.cycle(graph);
    assertTrue(cycle.isEmpty(), () -> "benchmark packages in a cycle: "
        + String.join(" -> ", cycle) + "\nall dependencies: " + graph);
  }

  @Test
  void theCycleSearchFindsACycleThroughAChainAndNoneInATree() {
    var chain = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    var tree = Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.<String>of());

    assertEquals(List.of("a", "b", "c", "a"), PackageGraph.cycle(new TreeMap<>(chain)));
    assertEquals(List.of(), PackageGraph.cycle(new TreeMap<>(tree)));
  }

  @Test
  void dependenciesComeFromImportsAndQualifiedNamesButNotFromCommentsOrStrings() {
    String source = """
        package lab.benchmarks.a;

        import lab.benchmarks.b.B;
        import static lab.benchmarks.c.C.helper;
        import lab.benchmarks.d.*;
        /** Uses {@link lab.benchmarks.x.X}. */
        class A {
          Object e = new lab.benchmarks.e.E(); // not lab.benchmarks.y.Y
          String usage = "java -cp benchmarks.jar lab.benchmarks.z.Z";
          char quote = '"';
          Object f = lab.benchmarks.f.F.INSTANCE;
        }
        """;

    // not lab.benchmarks.a either: a package declaration is no dependency
    assertEquals(Set.of("lab.benchmarks.b", "lab.benchmarks.c", "lab.benchmarks.d",
        "lab.benchmarks.e", "lab.benchmarks.f"), PackageGraph.references(source));
  }

  @Test
  void noBenchmarkSourceUsesALessonsCode() throws IOException {
    Set<String> lessons = lessonPackages();
    assertTrue(lessons.contains("lab.streaming"), "found the lessons' packages: " + lessons);

    Set<String> users = new TreeSet<>();
    for (Path root : List.of(MAIN, TEST)) {
      PackageGraph.forEachSource(root, (file, source) -> {
        if (PackageGraph.references(source).stream().anyMatch(lessons::contains)) {
          users.add(file.getFileName().toString());
        }
      });
    }
    // A lesson is not a library: the video lab's server comes from lab-services (VideoLab).
    assertTrue(users.isEmpty(), "benchmark sources that use a lesson's code: " + users);
  }

  /** Every package of the lesson modules (examples-*), read from their sources. */
  private static Set<String> lessonPackages() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of(".."), "examples-*")) {
      for (Path module : modules) {
        Path sources = module.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
          PackageGraph.forEachSource(sources,
              (file, source) -> packages.add(PackageGraph.packageOf(source, file)));
        }
      }
    }
    return packages;
  }
}
