package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.runtime.RunningPlugin;
import io.platformsandbox.engine.plugins.runtime.SandboxHttp;
import io.platformsandbox.engine.traffic.TrafficEntry;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One validation run's sandbox and what it observed: the fresh engine, an admin app the validator
 * drives the platform with, the running plugin, the seeded canaries, and every request the plugin
 * made (platform traffic and the proxy's journal).
 */
final class Session {
  static final String TENANT = "validation";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  final Engine engine;
  final SandboxHttp http;
  final Manifest manifest;
  final Seed seed;
  final String adminToken;
  private final List<TrafficEntry> traffic = new ArrayList<>();
  private final List<JsonNode> seeded = new CopyOnWriteArrayList<>();
  RunningPlugin plugin;

  Session(Engine engine, SandboxHttp http, Manifest manifest, Seed seed, String adminToken) {
    this.engine = engine;
    this.http = http;
    this.manifest = manifest;
    this.seed = seed;
    this.adminToken = adminToken;
    engine.traffic().subscribe(this::observe);
  }

  private synchronized void observe(TrafficEntry e) {
    traffic.add(e);
  }

  /** The plugin's own Platform API requests, oldest first. */
  synchronized List<TrafficEntry> pluginTraffic() {
    String app = plugin == null ? null : plugin.registration().clientId();
    return traffic.stream().filter(e -> app != null && app.equals(e.app())).toList();
  }

  /** The plugin's egress requests, oldest first. */
  List<JournalEntry> pluginJournal() {
    List<JournalEntry> newestFirst = engine.mocks().journal().entries(JournalQuery.all().withPlugin(manifest.id()));
    List<JournalEntry> out = new ArrayList<>(newestFirst);
    Collections.reverse(out);
    return out;
  }

  /** Platform writes plus egress calls by the plugin so far: what an event "caused". */
  int sideEffects() {
    long writes = pluginTraffic().stream().filter(e -> WRITES.contains(e.method())).count();
    return (int) writes + pluginJournal().size();
  }

  /** Waits until the plugin's side effects stop changing for {@code quiet}, at most {@code max}. */
  void awaitQuiet(Duration quiet, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    int last = sideEffects();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < end) {
      sleep(50);
      int now = sideEffects();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
        return;
      }
    }
  }

  /**
   * The collection whose {@code record.created} events the plugin subscribes to and the seed
   * describes, if any: the validator drives the plugin by creating records there.
   */
  Optional<String> drivingCollection() {
    for (String e : manifest.events()) {
      String[] p = e.split(":", 2);
      if (p[0].equals("record.created")) {
        if (p.length == 2 && seed.hasCollection(p[1])) {
          return Optional.of(p[1]);
        }
        if (p.length == 1 && !seed.collections().isEmpty()) {
          return Optional.of(seed.collections().get(0));
        }
      }
    }
    return Optional.empty();
  }

  /** The first subscribed event type other than erasure, used when no collection drives the plugin. */
  Optional<String> drivingEventType() {
    return manifest.events().stream().map(e -> e.split(":", 2)[0])
        .filter(t -> !t.equals("subject.erasure_requested") && !t.equals("*")).findFirst();
  }

  /** Causes one event the plugin subscribes to; returns what it did, or empty when nothing can. */
  Optional<String> emit() {
    Optional<String> collection = drivingCollection();
    if (collection.isPresent()) {
      JsonNode r = createRecord(collection.get(), seed.freshRecord(collection.get()));
      return Optional.of("record " + r.path("id").asText() + " created in " + collection.get());
    }
    Optional<String> type = drivingEventType();
    if (type.isPresent()) {
      JsonNode e = trigger(type.get(), null, null);
      return Optional.of("event " + e.path("id").asText() + " (" + type.get() + ") triggered");
    }
    return Optional.empty();
  }

  /** Creates the fixture records (with canaries), then waits for the plugin to finish with them. */
  void seedRecords() {
    seed.records().forEach((collection, list) -> list.forEach(r -> seeded.add(createRecord(collection, r.deepCopy()))));
    Session.await(Duration.ofSeconds(10), () -> deliveries().stream().allMatch(d -> d.path("attempts").asInt() > 0));
    awaitQuiet(Duration.ofMillis(700), Duration.ofSeconds(10));
  }

  /** The records created from the fixtures, as the platform returned them. */
  List<JsonNode> seeded() {
    return List.copyOf(seeded);
  }

  /** Creates a record as the platform's admin (its {@code record.created} event reaches the plugin). */
  JsonNode createRecord(String collection, ObjectNode record) {
    return http.api("POST", "/v1/collections/" + collection + "/records", record, adminToken)
        .expectOk("Creating a record in " + collection).json();
  }

  /** Emits a platform event as {@code POST /_sandbox/trigger} does. */
  JsonNode trigger(String type, String subject, ObjectNode data) {
    ObjectNode body = Json.object();
    body.put("tenant", TENANT);
    body.put("type", type);
    if (subject != null) {
      body.put("subject", subject);
    }
    body.set("data", data == null ? Json.object() : data);
    return http.api("POST", "/_sandbox/trigger", body).expectOk("Triggering " + type).json();
  }

  /** Every delivery to the plugin's webhook, newest first. */
  List<JsonNode> deliveries() {
    String hook = plugin.registration().webhookId();
    if (hook == null) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/v1/webhooks/" + hook + "/deliveries?limit=200" + (cursor == null ? "" : "&cursor=" + SandboxHttp.query(cursor));
      JsonNode page = http.api("GET", path, null, adminToken).expectOk("Reading deliveries").json();
      page.path("data").forEach(out::add);
      cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
    } while (cursor != null);
    return out;
  }

  /** The delivery of {@code eventId} once it has at least one finished attempt. */
  Optional<JsonNode> awaitDelivery(String eventId, Duration max) {
    AtomicReference<Optional<JsonNode>> found = new AtomicReference<>(Optional.empty());
    await(max, () -> {
      found.set(deliveries().stream()
          .filter(d -> d.path("event_id").asText().equals(eventId) && d.path("attempts").asInt() > 0)
          .findFirst());
      return found.get().isPresent();
    });
    return found.get();
  }

  /** The first status code of a delivery's attempts (0 when it got no answer). */
  static int firstStatus(JsonNode delivery) {
    JsonNode attempts = delivery.path("attempt_history");
    if (!attempts.isArray() || attempts.isEmpty()) {
      return 0;
    }
    return attempts.get(0).path("status_code").asInt(0);
  }

  /** Sends a raw request to the plugin. */
  SandboxHttp.Reply toPlugin(String method, String path, byte[] body, Map<String, String> headers) {
    return http.send(method, plugin.baseUrl() + path, body, "application/json", headers, Duration.ofSeconds(10));
  }

  boolean healthy() {
    try {
      return plugin.isAlive()
          && http.send("GET", plugin.baseUrl() + manifest.runtime().health(), null, null, Map.of(), Duration.ofSeconds(2)).status() == 200;
    } catch (SandboxHttp.SandboxHttpException e) {
      return false;
    }
  }

  static boolean await(Duration max, BooleanSupplier condition) {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(100);
    }
    return condition.getAsBoolean();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String describe(TrafficEntry e) {
    return "request " + e.requestId() + ": " + e.method() + " " + e.path() + " → " + e.status()
        + (e.fault() == null ? "" : " (injected fault " + e.fault() + ")");
  }

  static String describe(JournalEntry e) {
    String url = e.url().startsWith("http") ? e.url() : e.scheme() + "://" + e.host() + e.url();
    return "journal " + e.id() + ": " + e.method() + " " + url + " → " + e.status() + " (" + e.verdict() + ")";
  }
}
