package io.platformsandbox.engine.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock the whole engine reads: real time plus an offset the developer can advance (token
 * expiry, and later retries and retention, follow it). Thread-safe.
 */
public final class SandboxClock {
  private volatile Duration offset = Duration.ZERO;
  private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Runs {@code listener} after every advance (for example to fire retries that became due). */
  public void onAdvance(Runnable listener) {
    listeners.add(listener);
  }

  public Instant now() {
    return Instant.now().plus(offset);
  }

  /** Moves sandbox time forward; it never goes back. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the sandbox clock only moves forward");
    }
    synchronized (this) {
      offset = offset.plus(by);
    }
    listeners.forEach(Runnable::run);
  }

  public Duration offset() {
    return offset;
  }

  public synchronized void reset() {
    offset = Duration.ZERO;
  }
}
