package io.platformsandbox.app.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once the calls to {@link #run} have paused for a while (the editor re-checks a
 * file 300 ms after the last keystroke, not on every one). The action runs on the UI thread, handed
 * over through the {@link BackgroundExecutor}; with a zero delay it runs at once on the caller's
 * thread, which is what view-model tests use.
 *
 * <p>Threading: call from the UI thread. One shared daemon timer thread for all debouncers.
 */
public final class Debouncer {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "workbench-debounce");
            t.setDaemon(true);
            return t;
          });

  private final BackgroundExecutor executor;
  private final Duration delay;
  private ScheduledFuture<?> pending;
  /** Counts calls, so that an action already handed to the UI thread when a newer call came is dropped. */
  private long calls;

  public Debouncer(BackgroundExecutor executor, Duration delay) {
    this.executor = executor;
    this.delay = delay;
  }

  /** Runs {@code action} after the delay, unless another call comes first (then only that one runs). */
  public void run(Runnable action) {
    cancel();
    long call = calls;
    if (delay.isZero()) {
      action.run();
      return;
    }
    Runnable latest = () -> {
      if (call == calls) {
        action.run();
      }
    };
    pending = TIMER.schedule(() -> executor.runOnUiThread(latest), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Forgets the action waiting to run, if any. */
  public void cancel() {
    calls++;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }
}
