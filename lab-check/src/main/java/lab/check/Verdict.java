package lab.check;

/** How a check came out. A CI job fails on {@link #FAIL} only (see {@link Check}). */
public enum Verdict {
  /** The server did what the lab teaches. */
  PASS,
  /** Not wrong, but worth a look (a missing service, an unbounded setting). */
  WARN,
  /** The server did what the lab shows how to fix. */
  FAIL,
  /** Could not be run here (no reflection, no method of the kind, hostile checks not asked). */
  SKIP
}
