package io.platformsandbox.bench;

import com.sun.net.httpserver.HttpServer;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.tenants.RateLimit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Events figures: record write → webhook received by a local receiver at a fixed rate (p50/p99),
 * and consume throughput of the long-poll API. An in-process engine on a file workspace; the
 * receiver is a JDK HTTP server on loopback. Measures and prints, never asserts.
 */
public final class EventsBench {
  private static final List<Long> POST_LATENCIES = Collections.synchronizedList(new ArrayList<>());
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int rate = Integer.getInteger("events.rate", 500);
    int seconds = Integer.getInteger("events.seconds", 10);
    Path ws = Files.createTempDirectory("events-bench");
    try (Engine engine =
        Engine.create(
                EngineConfig.defaults().withWorkspace(ws).withPort(0).withMockPort(-1).withDefaultRateLimit(new RateLimit(0, 1)))
            .start()) {
      String base = engine.apiUrl();
      String token = setUp(base);
      webhookLatency(base, token, rate, seconds);
      consumeThroughput(base, token);
    }
    System.exit(0); // the JDK HTTP client's threads would keep the JVM alive
  }

  private static String setUp(String base) throws Exception {
    send("POST", base + "/_sandbox/tenants", null, "{\"id\":\"bench\"}");
    var app = Json.MAPPER.readTree(send("POST", base + "/_sandbox/apps", null,
        "{\"tenant\":\"bench\",\"name\":\"bench\",\"scopes\":[\"records:read\",\"records:write\",\"webhooks:manage\",\"events:publish\",\"events:subscribe\"]}").body());
    String basic = Base64.getEncoder().encodeToString(
        (app.get("client_id").asText() + ":" + app.get("client_secret").asText()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> token = HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    String t = Json.MAPPER.readTree(token.body()).get("access_token").asText();
    send("POST", base + "/v1/collections", t, "{\"name\":\"tickets\",\"fields\":[{\"name\":\"n\",\"type\":\"integer\"}]}");
    return t;
  }

  private static void webhookLatency(String base, String token, int rate, int seconds) throws Exception {
    Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    receiver.createContext("/", exchange -> {
      long now = System.nanoTime();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int n = Json.MAPPER.readTree(body).path("data").path("record").path("n").asInt(-1);
      Long sent = sentAt.get(n);
      if (sent != null) {
        latencies.add(now - sent);
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    var receiverThreads = Executors.newFixedThreadPool(8);
    receiver.setExecutor(receiverThreads);
    receiver.start();
    send("POST", base + "/v1/webhooks", token,
        "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"events\":[\"record.created:tickets\"]}");
    // Warm-up: 2 s at the same rate, not measured (record n values of the warm-up are not in sentAt).
    drive(base, token, rate, 2, null, 0);
    Thread.sleep(1000);
    latencies.clear();
    int total = drive(base, token, rate, seconds, sentAt, 1_000_000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (latencies.size() < total && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    receiver.stop(0);
    receiverThreads.shutdownNow();
    List<Long> posts = new ArrayList<>(POST_LATENCIES);
    Collections.sort(posts);
    if (!posts.isEmpty()) {
      System.out.printf("record POST latency at %d/s (the write alone, same run): p50 %.2f ms, p99 %.2f ms%n",
          rate, ms(posts, 0.50), ms(posts, 0.99));
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("webhook latency (record POST sent -> webhook received) at %d events/s for %d s: %d sent, %d received%n",
        rate, seconds, total, sorted.size());
    if (!sorted.isEmpty()) {
      System.out.printf("webhook latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 <= 50 ms)%n",
          ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }
  }

  /** Sends record creates at a fixed rate with up to 64 in flight; returns how many were sent. */
  private static int drive(String base, String token, int rate, int seconds, Map<Integer, Long> sentAt, int firstN)
      throws Exception {
    Semaphore inFlight = new Semaphore(64);
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    int n = rate * seconds;
    for (int k = 0; k < n; k++) {
      int i = firstN + k;
      long due = start + k * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.acquire();
      long sent = System.nanoTime();
      if (sentAt != null) {
        sentAt.put(i, sent); // keyed by the record's own field: the webhook can beat the POST's answer
      }
      HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/v1/collections/tickets/records"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build(),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete((r, e) -> {
            inFlight.release();
            if (sentAt != null) {
              POST_LATENCIES.add(System.nanoTime() - sent);
            }
          });
    }
    inFlight.acquire(64);
    inFlight.release(64);
    return n;
  }

  private static void consumeThroughput(String base, String token) throws Exception {
    send("POST", base + "/v1/topics", token, "{\"name\":\"firehose\"}");
    StringBuilder batch = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 500; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"tick\",\"data\":{\"i\":").append(i).append("}}");
    }
    batch.append("]}");
    int batches = Integer.getInteger("events.batches", 100);
    long p0 = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      send("POST", base + "/v1/topics/firehose/events", token, batch.toString());
    }
    double publishSeconds = (System.nanoTime() - p0) / 1e9;
    long total = batches * 500L;
    long c0 = System.nanoTime();
    long after = 0;
    long read = 0;
    while (read < total) {
      var page = Json.MAPPER.readTree(send("GET", base + "/v1/topics/firehose/events?after=" + after + "&limit=500", token, null).body());
      read += page.get("data").size();
      after = page.get("last_offset").asLong();
    }
    double consumeSeconds = (System.nanoTime() - c0) / 1e9;
    System.out.printf("publish throughput (batches of 500): %.0f events/s%n", total / publishSeconds);
    System.out.printf("consume throughput (pages of 500, one consumer): %.0f events/s%n", total / consumeSeconds);
  }

  private static double ms(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }

  private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
    }
    return r;
  }
}
