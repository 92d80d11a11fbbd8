package io.platformsandbox.app.testsupport;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** The test thread as the UI thread: it runs what background threads hand to it while it waits. */
public final class UiThread {
  private UiThread() {}

  /** Waits up to ten seconds for {@code condition}, running the executor's pending UI work meanwhile. */
  public static void until(CurrentThreadExecutor executor, Callable<Boolean> condition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              executor.runPending();
              return condition.call();
            });
  }
}
