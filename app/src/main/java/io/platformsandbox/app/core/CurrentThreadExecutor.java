package io.platformsandbox.app.core;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs work and callbacks at once on the calling thread: what view-model tests use. The test
 * thread plays the JavaFX thread: what other threads hand to it with {@link #runOnUiThread} waits
 * until the test calls {@link #runPending}.
 */
public final class CurrentThreadExecutor implements BackgroundExecutor {
  private final ObservableList<Job> running = FXCollections.observableArrayList();
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

  @Override
  public <T> Job submit(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    Job job = new SimpleJob(title);
    T result;
    try {
      result = work.call();
    } catch (Throwable e) {
      onFailure.accept(e);
      return job;
    }
    onSuccess.accept(result);
    return job;
  }

  @Override
  public <T> Job submitQuiet(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    return submit("", work, onSuccess, onFailure);
  }

  @Override
  public void runOnUiThread(Runnable action) {
    pending.add(action);
  }

  /** Runs, on the calling thread, what other threads handed to the UI thread so far. */
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

  private static final class SimpleJob implements Job {
    private final String title;
    private volatile boolean cancelled;

    SimpleJob(String title) {
      this.title = title;
    }

    @Override
    public String title() {
      return title;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
