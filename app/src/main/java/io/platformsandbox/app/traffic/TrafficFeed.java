package io.platformsandbox.app.traffic;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.http.ControlClient;
import io.platformsandbox.app.http.TrafficStream;
import io.platformsandbox.app.model.TrafficItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the sandbox's traffic stream and hands the entries to the UI thread in batches: all that
 * arrived since the UI thread last took some. When the stream ends or fails before {@link #stop},
 * it reconnects after a short backoff and resumes after the last entry it read ({@code
 * Last-Event-ID}), so no entry arrives twice.
 *
 * <p>Threading: start and stop on the UI thread; the callbacks run there, never after {@link
 * #stop}. The reader has a thread of its own: it would hold one of the executor's few pool threads
 * for as long as the sandbox runs.
 */
final class TrafficFeed {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficFeed.class);
  static final long FIRST_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 4000;

  private final ControlClient control;
  private final BackgroundExecutor executor;
  private final Consumer<List<TrafficItem>> onBatch;
  private final Consumer<StreamState> onState;
  private final Queue<TrafficItem> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean handOffScheduled = new AtomicBoolean();
  private final Thread reader = new Thread(this::read, "workbench-traffic-stream");
  private long lastId;
  private volatile boolean stopped;
  private volatile Call call;

  /** A feed of the entries after {@code after}; nothing is read until {@link #start}. */
  TrafficFeed(
      ControlClient control,
      BackgroundExecutor executor,
      long after,
      Consumer<List<TrafficItem>> onBatch,
      Consumer<StreamState> onState) {
    this.control = control;
    this.executor = executor;
    this.lastId = after;
    this.onBatch = onBatch;
    this.onState = onState;
    reader.setDaemon(true);
  }

  void start() {
    reader.start();
  }

  /** Ends the stream's HTTP call and the reader thread; no callback runs after this. */
  void stop() {
    stopped = true;
    Call c = call;
    if (c != null) {
      c.cancel();
    }
    reader.interrupt();
  }

  boolean isReading() {
    return reader.isAlive();
  }

  private void read() {
    long backoff = FIRST_BACKOFF_MS;
    while (!stopped) {
      Call c = control.trafficStream(lastId);
      call = c;
      if (stopped) {
        c.cancel();
        return;
      }
      try (TrafficStream stream = TrafficStream.open(c)) {
        report(StreamState.LIVE);
        backoff = FIRST_BACKOFF_MS;
        for (TrafficItem t; (t = stream.next()) != null; ) {
          lastId = t.id();
          arrived.add(t);
          scheduleHandOff();
        }
      } catch (IOException | RuntimeException e) {
        if (!stopped) {
          LOG.debug("traffic stream broke off: {}", e.toString());
        }
      }
      if (stopped) {
        return;
      }
      report(StreamState.RECONNECTING);
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private void report(StreamState state) {
    executor.runOnUiThread(
        () -> {
          if (!stopped) {
            onState.accept(state);
          }
        });
  }

  private void scheduleHandOff() {
    if (handOffScheduled.compareAndSet(false, true)) {
      executor.runOnUiThread(this::handOff);
    }
  }

  private void handOff() {
    handOffScheduled.set(false);
    List<TrafficItem> batch = new ArrayList<>();
    for (TrafficItem t; (t = arrived.poll()) != null; ) {
      batch.add(t);
    }
    if (!stopped && !batch.isEmpty()) {
      onBatch.accept(batch);
    }
  }
}
