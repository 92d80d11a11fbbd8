package io.platformsandbox.app.core;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * Where every slow piece of work of the workbench runs: off the JavaFX thread, with its callbacks
 * back on it. The workbench uses {@link FxBackgroundExecutor}; view-model tests use {@link
 * CurrentThreadExecutor}, which runs the work and its callbacks at once on the calling thread.
 *
 * <p>Threading: call from the JavaFX thread (or the test thread); callbacks arrive on that thread.
 */
public interface BackgroundExecutor {

  /**
   * Runs {@code work} in the background as a visible job (the status bar shows it and can cancel
   * it). Exactly one of the callbacks runs, unless the job is cancelled first.
   */
  <T> Job submit(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

  /** Like {@link #submit} but not shown as a job: for polling that runs every second. */
  <T> Job submitQuiet(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

  /**
   * Runs {@code action} on the thread the callbacks arrive on, later; callable from any thread. For
   * threads that produce results over time (the traffic stream's reader) rather than once.
   */
  void runOnUiThread(Runnable action);

  /** The visible jobs still running, in start order; changes on the JavaFX thread. */
  ObservableList<Job> running();

  /** Stops accepting work and interrupts what still runs. */
  void shutdown();

  /** A unit of background work that can be cancelled. */
  interface Job {
    String title();

    /** Cancels the job: its callbacks will not run, and a blocking HTTP call is interrupted. */
    void cancel();

    boolean isCancelled();
  }
}
