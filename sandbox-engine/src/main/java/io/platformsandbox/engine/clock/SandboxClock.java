package io.platformsandbox.engine.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock the whole engine reads: real time plus an offset the developer can advance (token
 * expiry, and later retries and retention, follow it). Thread-safe.
 */
public final class SandboxClock {
  private volatile Duration offset = Duration.ZERO;

  public Instant now() {
    return Instant.now().plus(offset);
  }

  /** Moves sandbox time forward; it never goes back. */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the sandbox clock only moves forward");
    }
    offset = offset.plus(by);
  }

  public Duration offset() {
    return offset;
  }

  public synchronized void reset() {
    offset = Duration.ZERO;
  }
}
