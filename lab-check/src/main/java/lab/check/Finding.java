package lab.check;

/**
 * One check's outcome.
 *
 * @param group basics, bad-input, hostile or deadlines
 * @param check what was checked, in a few words
 * @param measured what the server did, with the number
 * @param advice one line: what to do about it (empty when it passed)
 * @param seeAlso the lab file that shows the fix: a lesson's test or class, from the repo root
 */
public record Finding(String group, String check, Verdict verdict, String measured,
    String advice, String seeAlso) {

  static Finding pass(String group, String check, String measured, String seeAlso) {
    return new Finding(group, check, Verdict.PASS, measured, "", seeAlso);
  }

  static Finding skip(String group, String check, String why) {
    return new Finding(group, check, Verdict.SKIP, why, "", "");
  }
}
