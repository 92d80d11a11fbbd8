package io.platformsandbox.app.core;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of daemon threads for background work; results come back through {@link
 * Platform#runLater}. Four threads are plenty: the work is HTTP calls to a local engine and the
 * engine's own start and stop.
 */
public final class FxBackgroundExecutor implements BackgroundExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(FxBackgroundExecutor.class);
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "workbench-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private final ObservableList<Job> running = FXCollections.observableArrayList();

  @Override
  public <T> Job submit(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    return start(title, true, work, onSuccess, onFailure);
  }

  @Override
  public <T> Job submitQuiet(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    return start("", false, work, onSuccess, onFailure);
  }

  private <T> Job start(
      String title, boolean visible, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    FxJob job = new FxJob(title, visible);
    if (visible) {
      onFx(() -> running.add(job));
    }
    job.future =
        pool.submit(
            () -> {
              T result = null;
              Throwable failure = null;
              try {
                result = work.call();
              } catch (Throwable e) {
                failure = e;
              }
              T r = result;
              Throwable f = failure;
              onFx(
                  () -> {
                    running.remove(job);
                    if (job.isCancelled()) {
                      return;
                    }
                    try {
                      if (f == null) {
                        onSuccess.accept(r);
                      } else {
                        onFailure.accept(f);
                      }
                    } catch (RuntimeException e) {
                      LOG.error("a callback of '{}' failed", title, e);
                    }
                  });
            });
    return job;
  }

  @Override
  public void runOnUiThread(Runnable action) {
    Platform.runLater(action);
  }

  private static void onFx(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      Platform.runLater(r);
    }
  }

  @Override
  public ObservableList<Job> running() {
    return running;
  }

  @Override
  public void shutdown() {
    pool.shutdownNow();
  }

  private final class FxJob implements Job {
    private final String title;
    private final boolean visible;
    private volatile boolean cancelled;
    private volatile Future<?> future;

    FxJob(String title, boolean visible) {
      this.title = title;
      this.visible = visible;
    }

    @Override
    public String title() {
      return title;
    }

    @Override
    public void cancel() {
      cancelled = true;
      Future<?> f = future;
      if (f != null) {
        f.cancel(true);
      }
      if (visible) {
        onFx(() -> running.remove(this));
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
