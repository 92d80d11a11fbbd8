package io.platformsandbox.app.testsupport;

import io.platformsandbox.app.core.BackgroundExecutor;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs each job on a thread of its own, like the workbench's pool, while the test thread plays the
 * JavaFX thread: callbacks and hand-overs wait until the test calls {@link #runPending} (as {@link
 * UiThread#until} does). For tests that watch progress while work runs, or cancel it.
 */
public final class ThreadedExecutor implements BackgroundExecutor {
  private final ObservableList<Job> running = FXCollections.observableArrayList();
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

  @Override
  public <T> Job submit(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    ThreadJob job = new ThreadJob(title);
    job.thread = new Thread(() -> {
      T result = null;
      Throwable failure = null;
      try {
        result = work.call();
      } catch (Throwable e) {
        failure = e;
      }
      T r = result;
      Throwable f = failure;
      pending.add(() -> {
        if (!job.cancelled) {
          if (f == null) {
            onSuccess.accept(r);
          } else {
            onFailure.accept(f);
          }
        }
      });
    }, "test-job-" + title);
    job.thread.setDaemon(true);
    job.thread.start();
    return job;
  }

  @Override
  public <T> Job submitQuiet(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    return submit("quiet", work, onSuccess, onFailure);
  }

  @Override
  public void runOnUiThread(Runnable action) {
    pending.add(action);
  }

  public void runPending() {
    for (Runnable r; (r = pending.poll()) != null; ) {
      r.run();
    }
  }

  @Override
  public ObservableList<Job> running() {
    return running;
  }

  @Override
  public void shutdown() {}

  /** A job's thread, so that a test can wait for cancelled work to wind down. */
  public static Thread threadOf(Job job) {
    return ((ThreadJob) job).thread;
  }

  private static final class ThreadJob implements Job {
    private final String title;
    private volatile boolean cancelled;
    private volatile Thread thread;

    ThreadJob(String title) {
      this.title = title;
    }

    @Override
    public String title() {
      return title;
    }

    @Override
    public void cancel() {
      cancelled = true;
      thread.interrupt();
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
