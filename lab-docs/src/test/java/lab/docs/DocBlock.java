package lab.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fenced code block of a markdown file, with the {@code <!-- docs: ... -->} markers on the
 * lines right above its fence. The markers say what the runner does with a shell block:
 * <ul>
 *   <li>{@code run} runs it; {@code server MODULE MAIN [flags] [listens=N]} first starts that
 *       main and waits for its "Listening on" line(s), and implies {@code run};</li>
 *   <li>{@code expect} (above an output block) - its lines must appear in the output of the
 *       run block before it;</li>
 *   <li>{@code text} - not a command (output shown once, a diagram, a layout);</li>
 *   <li>{@code skip — reason} - a command the runner cannot run, and why.</li>
 * </ul>
 */
record DocBlock(Path file, int line, String lang, List<String> markers, List<String> body) {

  private static final Pattern FENCE = Pattern.compile("^( *)```(\\S*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!-- docs: (.*?)\\s*-->\\s*$");
  private static final Pattern OTHER_COMMENT = Pattern.compile("^\\s*<!--.*-->\\s*$");

  /** Blocks a reader would paste into a shell: no language, or a shell's. */
  boolean isShell() {
    return List.of("", "sh", "bash", "shell", "console").contains(lang);
  }

  boolean has(String kind) {
    return markers.stream().anyMatch(m -> m.equals(kind) || m.startsWith(kind + " "));
  }

  List<String> servers() {
    return markers.stream().filter(m -> m.startsWith("server ")).map(m -> m.substring(7)).toList();
  }

  boolean runs() {
    return has("run") || has("server");
  }

  /** A skip marker counts only with its reason: "skip — interactive". */
  boolean skippedWithReason() {
    return markers.stream().anyMatch(m -> m.matches("skip\\s*[—:-]\\s*\\S.*"));
  }

  String location(Path root) {
    return root.relativize(file) + ":" + line;
  }

  static List<DocBlock> parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<DocBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int indent = open.group(1).length();
      List<String> markers = new ArrayList<>();
      // The comment lines right above the fence; other comments there (examples-wire's
      // <!-- transcript:begin -->, which its own tests read) are passed over.
      for (int m = i - 1; m >= 0 && OTHER_COMMENT.matcher(lines.get(m)).matches(); m--) {
        Matcher marker = MARKER.matcher(lines.get(m));
        if (marker.matches()) {
          markers.add(0, marker.group(1));
        }
      }
      List<String> body = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).trim().equals("```")) {
        String l = lines.get(j);
        int cut = Math.min(indent, l.length() - l.stripLeading().length());
        body.add(l.substring(cut));
        j++;
      }
      blocks.add(new DocBlock(file, i + 1, open.group(2), List.copyOf(markers), List.copyOf(body)));
      i = j;
    }
    return blocks;
  }
}
