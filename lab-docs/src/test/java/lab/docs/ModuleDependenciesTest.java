package lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tree's floors, read from the poms: a lesson (examples-*) is never a library, so no module
 * depends on one; and a module declares only the lab modules it uses.
 */
class ModuleDependenciesTest {
  private static final Pattern LAB_DEPENDENCY = Pattern.compile(
      "<groupId>dev\\.grpclab</groupId>\\s*<artifactId>([a-z-]+)</artifactId>");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]",
          Pattern.MULTILINE);
  private static final Pattern JAVA_PACKAGE =
      Pattern.compile("^option java_package = \"([a-z.]+)\";", Pattern.MULTILINE);

  /** The modules of the root pom. */
  static List<String> modules() throws IOException {
    Matcher m = Pattern.compile("<module>([a-z-]+)</module>")
        .matcher(Files.readString(Repo.ROOT.resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1));
    }
    return modules;
  }

  /** The lab modules {@code module}'s pom depends on (the parent is not a dependency). */
  static List<String> labDependencies(String module) throws IOException {
    String pom = Files.readString(Repo.ROOT.resolve(module).resolve("pom.xml"));
    String dependencies = pom.substring(Math.max(0, pom.indexOf("<dependencies>")));
    Matcher m = LAB_DEPENDENCY.matcher(dependencies);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void noModuleDependsOnALessonModule() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String module : modules()) {
      for (String dependency : labDependencies(module)) {
        if (dependency.startsWith("examples-")) {
          offenders.add(module + " -> " + dependency);
        }
      }
    }
    assertEquals(List.of(), offenders, "a lesson is not a library: move what is shared to a"
        + " lab-* module (lab-services, lab-testing, lab-common, lab-idioms)");
  }

  @Test
  void everyLabModuleAModuleDeclaresIsImportedByItsCode() throws IOException {
    List<String> unused = new ArrayList<>();
    for (String module : modules()) {
      Set<String> imported = packagesImportedBy(Repo.ROOT.resolve(module).resolve("src"));
      for (String dependency : labDependencies(module)) {
        Set<String> provided = packagesOf(Repo.ROOT.resolve(dependency).resolve("src/main"));
        if (provided.stream().noneMatch(imported::contains)) {
          unused.add(module + " declares " + dependency + " but imports nothing from it");
        }
      }
    }
    assertEquals(List.of(), unused);
  }

  /** The packages a module's Java sources import from. */
  private static Set<String> packagesImportedBy(Path src) throws IOException {
    Set<String> packages = new HashSet<>();
    for (Path file : filesEndingWith(src, ".java")) {
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        packages.add(m.group(1));
      }
    }
    return packages;
  }

  /** The Java packages a module makes: its source folders and its protos' java_package. */
  private static Set<String> packagesOf(Path main) throws IOException {
    Set<String> packages = new HashSet<>();
    Path java = main.resolve("java");
    for (Path file : filesEndingWith(java, ".java")) {
      packages.add(java.relativize(file.getParent()).toString().replace('/', '.'));
    }
    for (Path proto : filesEndingWith(main.resolve("proto"), ".proto")) {
      Matcher m = JAVA_PACKAGE.matcher(Files.readString(proto));
      if (m.find()) {
        packages.add(m.group(1));
      }
    }
    return packages;
  }

  private static List<Path> filesEndingWith(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).toList();
    }
  }
}
