package io.platformsandbox.engine.plugins.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one check: a status, a one-line reason a developer can act on, and the evidence
 * (request ids, journal entries, log lines) it was judged from.
 */
public record CheckResult(Check check, Status status, String reason, List<String> evidence, long durationMs) {
  /** A check's verdict; {@code FAIL} makes the report fail. */
  public enum Status {
    PASS, FAIL, WARN, SKIP;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Evidence lines kept per check; the rest are counted, so a report stays readable. */
  static final int MAX_EVIDENCE = 25;

  public CheckResult {
    if (evidence.size() > MAX_EVIDENCE) {
      List<String> kept = new ArrayList<>(evidence.subList(0, MAX_EVIDENCE));
      kept.add("… and " + (evidence.size() - MAX_EVIDENCE) + " more");
      evidence = kept;
    }
    evidence = List.copyOf(evidence);
  }

  public static CheckResult pass(Check c, String reason, List<String> evidence) {
    return new CheckResult(c, Status.PASS, reason, evidence, 0);
  }

  public static CheckResult fail(Check c, String reason, List<String> evidence) {
    return new CheckResult(c, Status.FAIL, reason, evidence, 0);
  }

  public static CheckResult warn(Check c, String reason, List<String> evidence) {
    return new CheckResult(c, Status.WARN, reason, evidence, 0);
  }

  public static CheckResult skip(Check c, String reason) {
    return new CheckResult(c, Status.SKIP, reason, List.of(), 0);
  }

  CheckResult took(long millis) {
    return new CheckResult(check, status, reason, evidence, millis);
  }
}
