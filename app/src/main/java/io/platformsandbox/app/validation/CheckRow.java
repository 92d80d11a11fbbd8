package io.platformsandbox.app.validation;

import io.platformsandbox.engine.plugins.validation.Check;
import io.platformsandbox.engine.plugins.validation.CheckResult;
import java.util.List;

/** One publishing rule in the report view: its result, or none yet while the validation runs. */
public record CheckRow(Check check, CheckResult result) {

  public static CheckRow pending(Check check) {
    return new CheckRow(check, null);
  }

  public static CheckRow of(CheckResult result) {
    return new CheckRow(result.check(), result);
  }

  public String id() {
    return check.name();
  }

  public String title() {
    return check.title();
  }

  /** The verdict, or null while not decided. */
  public CheckResult.Status status() {
    return result == null ? null : result.status();
  }

  public String reason() {
    return result == null ? "" : result.reason();
  }

  public List<String> evidence() {
    return result == null ? List.of() : result.evidence();
  }

  /** {@code 850 ms}, {@code 12.3 s}; empty while not decided, and for a check skipped without running. */
  public String time() {
    if (result == null || result.status() == CheckResult.Status.SKIP && result.durationMs() == 0) {
      return "";
    }
    long ms = result.durationMs();
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
