package io.platformsandbox.app.logs;

import java.time.Instant;

/** One line of the engine log. */
public record LogLine(Instant time, String level, String logger, String message) {
  public boolean isProblem() {
    return level.equals("WARN") || level.equals("ERROR");
  }
}
