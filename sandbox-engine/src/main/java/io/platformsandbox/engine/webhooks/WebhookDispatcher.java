package io.platformsandbox.engine.webhooks;

import io.platformsandbox.engine.Version;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks: a new delivery is attempted at once; a failed one again after 1, 2, 4, 8 and
 * 16 s of sandbox time (6 attempts), then it is dead until redelivered by hand. Pending deliveries
 * survive restarts (they are rows), so delivery is at-least-once. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  public static final int MAX_ATTEMPTS = 6;
  static final Duration[] BACKOFF = {
    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16)
  };
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int EXCERPT = 500;

  private final Webhooks webhooks;
  private final DeliveryStore store;
  private final SandboxClock clock;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private ExecutorService workers;
  private ScheduledExecutorService sweeper;
  private final java.util.concurrent.BlockingQueue<DeliveryStore.Outcome> outcomes =
      new java.util.concurrent.LinkedBlockingQueue<>();
  private Thread bookkeeper;
  private volatile boolean stopping;

  public WebhookDispatcher(Webhooks webhooks, Database db, SandboxClock clock) {
    this.webhooks = webhooks;
    this.store = new DeliveryStore(db);
    this.clock = clock;
    webhooks.attach(this);
  }

  public synchronized void start() {
    workers = Executors.newFixedThreadPool(8, daemon("webhook-delivery"));
    sweeper = Executors.newSingleThreadScheduledExecutor(daemon("webhook-sweeper"));
    sweeper.scheduleWithFixedDelay(this::sweep, 0, 250, TimeUnit.MILLISECONDS);
    bookkeeper = new Thread(this::keepBooks, "webhook-bookkeeper");
    bookkeeper.setDaemon(true);
    bookkeeper.start();
  }

  /**
   * Writes attempt outcomes in batches, so that a burst of deliveries costs one commit, not one
   * each. A delivery stays in flight until its outcome is written; if the engine dies first, the
   * delivery is still pending and is attempted again (at-least-once).
   */
  private void keepBooks() {
    List<DeliveryStore.Outcome> batch = new java.util.ArrayList<>();
    while (!stopping || !outcomes.isEmpty()) {
      try {
        DeliveryStore.Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        outcomes.drainTo(batch, 499);
        store.recordAll(batch);
      } catch (InterruptedException e) {
        if (outcomes.isEmpty()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.warn("could not record {} delivery attempts; they will be retried", batch.size(), e);
      } finally {
        batch.forEach(o -> inFlight.remove(o.id()));
        batch.clear();
      }
    }
  }

  /** Attempts a delivery soon, unless it is already under way. */
  public void submit(String deliveryId) {
    ExecutorService pool = workers;
    if (pool == null || !inFlight.add(deliveryId)) {
      return;
    }
    try {
      pool.execute(
          () -> {
            boolean queued = false;
            try {
              queued = attempt(deliveryId, false);
            } catch (RuntimeException e) {
              LOG.warn("delivery {} failed unexpectedly", deliveryId, e);
            } finally {
              if (!queued) {
                inFlight.remove(deliveryId);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.remove(deliveryId);
    }
  }

  /** Looks for due retries now, e.g. after the sandbox clock moved. */
  public void wake() {
    ScheduledExecutorService s = sweeper;
    if (s != null) {
      try {
        s.execute(this::sweep);
      } catch (RejectedExecutionException e) {
        // stopping
      }
    }
  }

  private void sweep() {
    try {
      for (String id : store.due(clock.now(), 200)) {
        submit(id);
      }
    } catch (RuntimeException e) {
      LOG.warn("webhook sweep failed", e);
    }
  }

  public List<Delivery> deliveries(String webhookId, Long beforeSeq, int limit) {
    return store.list(webhookId, beforeSeq, limit);
  }

  /** One attempt now, by hand, whatever the delivery's state; returns the delivery after it. */
  public Delivery redeliver(String tenant, String webhookId, String deliveryId) {
    Delivery d =
        store.find(deliveryId)
            .filter(x -> x.tenant().equals(tenant) && x.webhookId().equals(webhookId))
            .orElseThrow(() -> ApiException.notFound("No delivery '" + deliveryId + "' for webhook '" + webhookId + "'."));
    attempt(d.id(), true);
    return store.find(deliveryId).orElseThrow();
  }

  /** Attempts a delivery; returns true when its outcome was queued for the bookkeeper. */
  private boolean attempt(String deliveryId, boolean manual) {
    Optional<Delivery> found = store.find(deliveryId);
    if (found.isEmpty()) {
      return false;
    }
    Delivery d = found.get();
    if (!manual && (!d.status().equals("pending") || (d.nextAttemptAt() != null && d.nextAttemptAt().isAfter(clock.now())))) {
      return false;
    }
    Optional<Webhook> hook = webhooks.byId(d.webhookId());
    if (hook.isEmpty()) {
      store.recordAttempt(d.id(), new Delivery.Attempt(d.history().size() + 1, clock.now(), null, 0, "webhook deleted", null, manual), "cancelled", d.attempts(), null);
      return false;
    }
    int number = d.history().size() + 1;
    byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
    long t = Instant.now().getEpochSecond(); // wall clock: receivers check freshness against their own
    Integer code = null;
    String error = null;
    String excerpt = null;
    long started = System.nanoTime();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(hook.get().url()))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", "PlatformSandbox-Webhooks/" + Version.current())
              .header("Platform-Event-Id", d.eventId())
              .header("Platform-Delivery-Attempt", Integer.toString(number))
              .header("Platform-Signature", Signatures.header(hook.get().secret(), t, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      code = response.statusCode();
      String text = new String(response.body(), StandardCharsets.UTF_8);
      excerpt = text.length() > EXCERPT ? text.substring(0, EXCERPT) : text;
    } catch (HttpTimeoutException e) {
      error = "no answer within " + TIMEOUT.toSeconds() + " s";
    } catch (IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false; // stopping: the delivery stays pending and resumes after a restart
    }
    double latencyMs = (System.nanoTime() - started) / 1e6;
    boolean ok = code != null && code >= 200 && code < 300;
    Delivery.Attempt attempt = new Delivery.Attempt(number, clock.now(), code, latencyMs, error, excerpt, manual);
    int attempts = d.attempts() + 1;
    DeliveryStore.Outcome outcome;
    if (ok) {
      outcome = new DeliveryStore.Outcome(d.id(), attempt, "succeeded", attempts, null);
    } else if (manual) {
      outcome = new DeliveryStore.Outcome(d.id(), attempt, d.status(), attempts, d.nextAttemptAt());
    } else if (attempts >= MAX_ATTEMPTS) {
      outcome = new DeliveryStore.Outcome(d.id(), attempt, "dead", attempts, null);
    } else {
      outcome = new DeliveryStore.Outcome(d.id(), attempt, "pending", attempts, clock.now().plus(BACKOFF[attempts - 1]));
    }
    if (manual) {
      store.recordAll(List.of(outcome)); // the caller waits for the result
      return false;
    }
    outcomes.add(outcome);
    return true;
  }

  @Override
  public synchronized void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopping = true;
    if (bookkeeper != null) {
      try {
        bookkeeper.join(2_000); // write what was delivered, so it is not delivered again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
