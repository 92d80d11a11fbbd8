package io.platformsandbox.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * A closed-loop load generator: {@code clients} threads, each with its own keep-alive connection,
 * send a request, wait for the whole response, and send the next. Requests that complete during the
 * warm-up are not counted; latencies of those that complete inside the measured window are.
 *
 * <p>Closed loop means a slow response delays the next request of that client (coordinated
 * omission): p99 is the latency the 16 clients saw, not the one an open-loop arrival rate would see.
 */
final class LoadGen {

  /** One run's outcome. Latencies in microseconds; {@code sorted} holds every one of them. */
  record Result(
      long requests,
      long errors,
      double seconds,
      double perSecond,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      String firstError,
      long[] sorted) {

    /** Several runs (slices) as one: requests and seconds add up, percentiles over all latencies. */
    static Result merge(List<Result> parts) {
      long requests = 0;
      long errors = 0;
      double seconds = 0;
      String firstError = null;
      int total = 0;
      for (Result r : parts) {
        requests += r.requests;
        errors += r.errors;
        seconds += r.seconds;
        firstError = firstError == null ? r.firstError : firstError;
        total += r.sorted.length;
      }
      long[] all = new long[total];
      int at = 0;
      for (Result r : parts) {
        System.arraycopy(r.sorted, 0, all, at, r.sorted.length);
        at += r.sorted.length;
      }
      Arrays.sort(all);
      return of(requests, errors, seconds, all, firstError);
    }

    String describe() {
      return String.format(
          "%,.0f req/s  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.1f ms  (%,d requests in %.1f s, %d errors%s)",
          perSecond, p50Ms, p90Ms, p99Ms, maxMs, requests, seconds, errors,
          firstError == null ? "" : "; first: " + firstError);
    }
  }

  private LoadGen() {}

  /**
   * @param requestFor builds the request bytes of a client's n-th request (may return the same
   *     array every time)
   * @param okStatus the status every response must have; anything else counts as an error
   */
  static Result run(
      String host,
      int port,
      int clients,
      double warmupSeconds,
      double seconds,
      LongFunction<byte[]>[] requestFor,
      int okStatus)
      throws InterruptedException {
    long startNanos = System.nanoTime() + 50_000_000L; // all threads start together
    long measureFrom = startNanos + (long) (warmupSeconds * 1e9);
    long measureTo = measureFrom + (long) (seconds * 1e9);
    Worker[] workers = new Worker[clients];
    CountDownLatch done = new CountDownLatch(clients);
    AtomicReference<String> firstError = new AtomicReference<>();
    for (int i = 0; i < clients; i++) {
      workers[i] = new Worker(host, port, requestFor[i % requestFor.length], okStatus, startNanos, measureFrom, measureTo, done, firstError);
      Thread t = new Thread(workers[i], "load-" + i);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    long total = 0;
    long errors = 0;
    for (Worker w : workers) {
      total += w.count;
      errors += w.errors;
    }
    long[] all = new long[(int) total];
    int at = 0;
    for (Worker w : workers) {
      System.arraycopy(w.latencies, 0, all, at, w.count);
      at += w.count;
    }
    Arrays.sort(all);
    return of(total, errors, seconds, all, firstError.get());
  }

  private static Result of(long total, long errors, double seconds, long[] sorted, String firstError) {
    return new Result(
        total,
        errors,
        seconds,
        seconds > 0 ? total / seconds : 0,
        percentile(sorted, 0.50) / 1000.0,
        percentile(sorted, 0.90) / 1000.0,
        percentile(sorted, 0.99) / 1000.0,
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
        firstError,
        sorted);
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  static double percentileMs(List<Long> micros, double p) {
    long[] a = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    return percentile(a, p) / 1000.0;
  }

  private static final class Worker implements Runnable {
    private final String host;
    private final int port;
    private final LongFunction<byte[]> requestFor;
    private final int okStatus;
    private final long startNanos;
    private final long measureFrom;
    private final long measureTo;
    private final CountDownLatch done;
    private final AtomicReference<String> firstError;
    long[] latencies = new long[1 << 16];
    int count;
    long errors;

    Worker(String host, int port, LongFunction<byte[]> requestFor, int okStatus, long startNanos, long measureFrom,
        long measureTo, CountDownLatch done, AtomicReference<String> firstError) {
      this.host = host;
      this.port = port;
      this.requestFor = requestFor;
      this.okStatus = okStatus;
      this.startNanos = startNanos;
      this.measureFrom = measureFrom;
      this.measureTo = measureTo;
      this.done = done;
      this.firstError = firstError;
    }

    @Override
    public void run() {
      try (RawHttp http = new RawHttp(host, port)) {
        while (System.nanoTime() < startNanos) {
          Thread.onSpinWait();
        }
        long n = 0;
        while (true) {
          byte[] req = requestFor.apply(n++);
          long t0 = System.nanoTime();
          if (t0 >= measureTo) {
            break;
          }
          boolean ok;
          try {
            RawHttp.Response r = http.exchange(req, false);
            ok = r.status() == okStatus;
            if (!ok) {
              firstError.compareAndSet(null, "status " + r.status());
            }
          } catch (Exception e) {
            ok = false;
            firstError.compareAndSet(null, e.toString());
          }
          long t1 = System.nanoTime();
          if (t1 >= measureFrom && t1 < measureTo) {
            if (ok) {
              if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
              }
              latencies[count++] = (t1 - t0) / 1000;
            } else {
              errors++;
            }
          }
        }
      } finally {
        done.countDown();
      }
    }
  }

  @SuppressWarnings("unchecked")
  static LongFunction<byte[]>[] same(LongFunction<byte[]> f) {
    List<LongFunction<byte[]>> one = new ArrayList<>();
    one.add(f);
    return one.toArray(new LongFunction[0]);
  }
}
