package lab.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lab.testing.Required;

/** The clone the tests run in, and what they need from it. */
final class Repo {
  static final Path ROOT = findRoot();

  private Repo() {}

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("lab-docs/pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the grpc-lab clone");
    }
    return dir;
  }

  /**
   * README.md, NOTES.md, MUTATION.md and every module's Markdown files (its README.md and,
   * where a README links to one, the results file that holds its long measured tables).
   */
  static List<Path> docs() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("NOTES.md"),
        ROOT.resolve("MUTATION.md")));
    List<Path> modules;
    try (Stream<Path> dirs = Files.list(ROOT)) {
      modules = dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
    }
    for (Path module : modules) {
      try (Stream<Path> md = Files.list(module)) {
        md.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  /**
   * The lessons' mains run from their target/classes, which the reactor builds before this
   * module. Missing (e.g. `-pl lab-docs -am` alone): CI fails, a developer's build skips,
   * saying how ({@link Required#missing}).
   */
  static void requirePackaged(String module) {
    if (Files.exists(ROOT.resolve(module).resolve("target/classpath.txt"))) {
      return;
    }
    Required.missing(module + " is not packaged; build it first: ./mvnw -B -DskipTests package");
  }

  /** buf, installed by `npm ci --prefix .ci/tools` (.ci/run does it). Same rule as above. */
  static void requireBuf() {
    if (Files.isExecutable(ROOT.resolve(".ci/tools/node_modules/.bin/buf"))) {
      return;
    }
    Required.missing("buf is missing; install it: npm ci --prefix .ci/tools");
  }

  /**
   * Every folder of .proto files: MODULE/src/main/proto, and MODULE/src/main/proto-X where a
   * module compiles several versions of one contract side by side (examples-contracts).
   */
  static List<Path> protoDirs() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory)
          .toList()) {
        try (Stream<Path> folders = Files.list(main)) {
          folders.filter(f -> f.getFileName().toString().matches("proto(-[a-z0-9]+)?"))
              .filter(Files::isDirectory).forEach(dirs::add);
        }
      }
    }
    dirs.sort(null);
    return dirs;
  }

  /**
   * Runs .ci/tools' buf with {@code args} in {@code dir} (buf reads a folder as its module):
   * null when it succeeds, else the folder and what buf printed.
   */
  static String bufProblems(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        ROOT.resolve(".ci/tools/node_modules/.bin/buf").toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("buf", ".txt");
    try {
      Process buf = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean ended = buf.waitFor(120, TimeUnit.SECONDS);
      buf.destroyForcibly();
      if (ended && buf.exitValue() == 0) {
        return null;
      }
      return ROOT.relativize(dir) + (ended ? "" : " (timed out)") + ":\n" + Files.readString(out);
    } finally {
      Files.delete(out);
    }
  }
}
