package lab.check;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The findings as a console table, as Markdown and as JSON. */
final class Report {
  private Report() {}

  static Map<Verdict, Integer> counts(List<Finding> findings) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
    findings.forEach(f -> counts.merge(f.verdict(), 1, Integer::sum));
    return counts;
  }

  static String summary(List<Finding> findings) {
    Map<Verdict, Integer> c = counts(findings);
    return c.get(Verdict.PASS) + " passed, " + c.get(Verdict.WARN) + " warned, "
        + c.get(Verdict.FAIL) + " failed, " + c.get(Verdict.SKIP) + " skipped";
  }

  /** Fixed-width columns, then the advice for everything that did not pass. */
  static String table(String target, List<Finding> findings) {
    int width = findings.stream().mapToInt(f -> f.check().length()).max().orElse(5);
    StringBuilder out = new StringBuilder("lab-check of " + target + "\n");
    String row = "%-7s %-9s %-" + width + "s  %s%n";
    out.append(String.format(row, "verdict", "group", "check", "measured"));
    for (Finding f : findings) {
      out.append(String.format(row, f.verdict(), f.group(), f.check(),
          f.measured().replace('\n', ' ')));
    }
    out.append(summary(findings)).append('\n');
    for (Finding f : findings) {
      if (!f.advice().isEmpty()) {
        out.append(String.format("%s %s: %s (see %s)%n", f.verdict(), f.check(), f.advice(),
            f.seeAlso()));
      }
    }
    return out.toString();
  }

  static String markdown(String target, List<Finding> findings) {
    StringBuilder out = new StringBuilder("# lab-check of `" + target + "`\n\n")
        .append(summary(findings)).append(".\n\n")
        .append("| verdict | group | check | measured | advice |\n|---|---|---|---|---|\n");
    for (Finding f : findings) {
      String advice = f.advice().isEmpty() ? "" : f.advice()
          + (f.seeAlso().isEmpty() ? "" : " (the lab shows it: `" + f.seeAlso() + "`)");
      out.append("| ").append(f.verdict()).append(" | ").append(f.group()).append(" | ")
          .append(cell(f.check())).append(" | ").append(cell(f.measured())).append(" | ")
          .append(cell(advice)).append(" |\n");
    }
    return out.toString();
  }

  static String json(String target, List<Finding> findings) {
    StringBuilder out = new StringBuilder("{\n  \"target\": ").append(quote(target))
        .append(",\n  \"summary\": {");
    Map<Verdict, Integer> c = counts(findings);
    String comma = "";
    for (Verdict v : Verdict.values()) {
      out.append(comma).append(quote(v.name().toLowerCase())).append(": ").append(c.get(v));
      comma = ", ";
    }
    out.append("},\n  \"findings\": [");
    comma = "\n";
    for (Finding f : findings) {
      out.append(comma).append("    {\"group\": ").append(quote(f.group()))
          .append(", \"check\": ").append(quote(f.check()))
          .append(", \"verdict\": ").append(quote(f.verdict().name()))
          .append(", \"measured\": ").append(quote(f.measured()))
          .append(", \"advice\": ").append(quote(f.advice()))
          .append(", \"seeAlso\": ").append(quote(f.seeAlso())).append('}');
      comma = ",\n";
    }
    return out.append("\n  ]\n}\n").toString();
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259, 7). */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
