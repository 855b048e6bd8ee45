package lab.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which packages a tree of Java sources uses, read from the text: {@code import} lines (static
 * and wildcard ones too) and fully qualified names in code alike, since both are a dependency.
 * Comments and string literals are blanked first: a Javadoc that mentions a class, or a usage
 * string that names a main, is not a dependency.
 */
final class PackageGraph {
  /** A qualified name under {@code lab}: its package is every lower-case segment before a type. */
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(lab(?:\\.[a-z_][a-z0-9_]*)+)\\.(?:[A-Z]|\\*)");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

  private PackageGraph() {}

  /** Package → the other {@code lab...} packages its files refer to, for each file below root. */
  static Map<String, Set<String>> read(Path root) {
    Map<String, Set<String>> uses = new TreeMap<>();
    forEachSource(root, (file, code) -> {
      Set<String> targets = uses.computeIfAbsent(packageOf(code, file), p -> new TreeSet<>());
      targets.addAll(references(code));
      targets.remove(packageOf(code, file));
    });
    return uses;
  }

  /** The packages a piece of source refers to by qualified name or import. */
  static Set<String> references(String source) {
    Set<String> packages = new TreeSet<>();
    Matcher m = QUALIFIED.matcher(codeOnly(source));
    while (m.find()) {
      packages.add(m.group(1));
    }
    return packages;
  }

  /** Only the edges between packages under {@code prefix} (itself included). */
  static Map<String, Set<String>> within(Map<String, Set<String>> graph, String prefix) {
    Map<String, Set<String>> inner = new TreeMap<>();
    graph.forEach((from, to) -> {
      if (under(from, prefix)) {
        inner.put(from, new TreeSet<>(to.stream().filter(t -> under(t, prefix)).toList()));
      }
    });
    return inner;
  }

  static boolean under(String pkg, String prefix) {
    return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
  }

  /** A cycle as a path that ends where it starts (a → b → a), or an empty list for none. */
  static List<String> cycle(Map<String, Set<String>> graph) {
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      List<String> found = cycleFrom(start, graph, new ArrayList<>(), done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  /** Depth first: {@code path} holds the packages being visited; a step back onto it is a cycle. */
  private static List<String> cycleFrom(String node, Map<String, Set<String>> graph,
      List<String> path, Set<String> done) {
    int onPath = path.indexOf(node);
    if (onPath >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(onPath, path.size()));
      cycle.add(node);
      return cycle;
    }
    if (!done.add(node)) {
      return List.of(); // fully explored before: no cycle through it
    }
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      List<String> found = cycleFrom(next, graph, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    return List.of();
  }

  /** Every .java file below root, with its text. */
  static void forEachSource(Path root, SourceVisitor visitor) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        visitor.visit(file, Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  interface SourceVisitor {
    void visit(Path file, String source);
  }

  static String packageOf(String source, Path file) {
    Matcher m = PACKAGE.matcher(codeOnly(source));
    if (!m.find()) {
      throw new IllegalStateException(file + " declares no package");
    }
    return m.group(1);
  }

  /** The source with comments, strings, text blocks and char literals blanked out. */
  static String codeOnly(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      int end = skippedFrom(source, i);
      if (end == i) {
        code.append(source.charAt(i++));
        continue;
      }
      for (; i < end; i++) { // keep the line breaks: line numbers stay right
        code.append(source.charAt(i) == '\n' ? '\n' : ' ');
      }
    }
    return code.toString();
  }

  /** Where a comment or literal that starts at {@code i} ends; {@code i} when none starts. */
  private static int skippedFrom(String s, int i) {
    if (s.startsWith("//", i)) {
      int eol = s.indexOf('\n', i);
      return eol < 0 ? s.length() : eol;
    }
    if (s.startsWith("/*", i)) {
      int close = s.indexOf("*/", i + 2);
      return close < 0 ? s.length() : close + 2;
    }
    if (s.startsWith("\"\"\"", i)) {
      int close = s.indexOf("\"\"\"", i + 3);
      return close < 0 ? s.length() : close + 3;
    }
    char c = s.charAt(i);
    if (c != '"' && c != '\'') {
      return i;
    }
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
      j += s.charAt(j) == '\\' ? 2 : 1;
    }
    return Math.min(j + 1, s.length());
  }
}
