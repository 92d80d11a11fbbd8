package io.platformsandbox.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.EventItem;
import io.platformsandbox.app.model.SandboxInfo;
import io.platformsandbox.app.model.TenantInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The sandbox's control API ({@code /_sandbox}): health, info, tenants, apps, reset, the traffic
 * stream, trigger, clock, snapshots.
 * Blocking; call it from background work.
 */
public final class ControlClient {
  /** Three of the engine's 15-second heartbeats: a stream silent for longer is dead. */
  private static final Duration STREAM_READ_TIMEOUT = Duration.ofSeconds(45);
  private final OkHttpClient http;
  private final HttpUrl base;

  public ControlClient(OkHttpClient http, String apiUrl) {
    this.http = http;
    this.base = HttpUrl.get(apiUrl);
  }

  public String apiUrl() {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private HttpUrl.Builder url(String path) {
    return base.newBuilder().encodedPath(path);
  }

  private JsonNode get(HttpUrl url) throws IOException {
    return Http.call(http, new Request.Builder().url(url).get().build());
  }

  public boolean healthy() {
    try {
      return "ok".equals(get(url("/_sandbox/health").build()).path("status").asText());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public SandboxInfo info() throws IOException {
    return SandboxInfo.from(get(url("/_sandbox/info").build()));
  }

  public List<TenantInfo> tenants() throws IOException {
    List<TenantInfo> out = new ArrayList<>();
    get(url("/_sandbox/tenants").build()).path("data").forEach(n -> out.add(TenantInfo.from(n)));
    return out;
  }

  public TenantInfo createTenant(String id, String name, Double perSecond) throws IOException {
    ObjectNode body = Json.object();
    body.put("id", id);
    if (name != null && !name.isBlank()) {
      body.put("name", name);
    }
    if (perSecond != null) {
      body.putObject("rate_limit").put("per_second", perSecond);
    }
    return TenantInfo.from(
        Http.call(http, new Request.Builder().url(url("/_sandbox/tenants").build()).post(Http.json(body)).build()));
  }

  public void deleteTenant(String id) throws IOException {
    Http.call(http, new Request.Builder().url(url("/_sandbox/tenants").addPathSegment(id).build()).delete().build());
  }

  /** Apps of one tenant, or of every tenant when {@code tenant} is null. */
  public List<AppInfo> apps(String tenant) throws IOException {
    HttpUrl.Builder u = url("/_sandbox/apps");
    if (tenant != null) {
      u.addQueryParameter("tenant", tenant);
    }
    List<AppInfo> out = new ArrayList<>();
    get(u.build()).path("data").forEach(n -> out.add(AppInfo.from(n)));
    return out;
  }

  public AppInfo createApp(String tenant, String name, Collection<String> scopes) throws IOException {
    ObjectNode body = Json.object();
    body.put("tenant", tenant);
    body.put("name", name);
    var arr = body.putArray("scopes");
    scopes.forEach(arr::add);
    return AppInfo.from(
        Http.call(http, new Request.Builder().url(url("/_sandbox/apps").build()).post(Http.json(body)).build()));
  }

  public void deleteApp(String clientId) throws IOException {
    Http.call(http, new Request.Builder().url(url("/_sandbox/apps").addPathSegment(clientId).build()).delete().build());
  }

  public void reset() throws IOException {
    Http.call(http, new Request.Builder().url(url("/_sandbox/reset").build()).post(RequestBody.create(new byte[0])).build());
  }

  /**
   * A call of {@code GET /_sandbox/traffic/stream} that starts after entry {@code after}
   * ({@code Last-Event-ID}; with 0 the sandbox first replays the newest entries it holds), ready
   * for {@link TrafficStream#open}. It has no call timeout: it lasts as long as the sandbox.
   */
  public Call trafficStream(long after) {
    OkHttpClient streaming = http.newBuilder().readTimeout(STREAM_READ_TIMEOUT).callTimeout(Duration.ZERO).build();
    Request request =
        new Request.Builder()
            .url(url("/_sandbox/traffic/stream").build())
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", Long.toString(after))
            .get()
            .build();
    return streaming.newCall(request);
  }

  /** Emits a platform event in {@code tenant} ({@code POST /_sandbox/trigger}): the event as consumers read it. */
  public EventItem trigger(String tenant, String type, String subject, JsonNode data) throws IOException {
    ObjectNode body = Json.object();
    body.put("tenant", tenant);
    body.put("type", type);
    if (subject != null && !subject.isBlank()) {
      body.put("subject", subject);
    }
    if (data != null) {
      body.set("data", data);
    }
    return EventItem.from(
        Http.call(http, new Request.Builder().url(url("/_sandbox/trigger").build()).post(Http.json(body)).build()));
  }

  /** Moves the sandbox clock forward; due webhook retries run. Answers the clock after the move. */
  public JsonNode advanceClock(double seconds) throws IOException {
    ObjectNode body = Json.object();
    body.put("seconds", seconds);
    return Http.call(http, new Request.Builder().url(url("/_sandbox/clock/advance").build()).post(Http.json(body)).build());
  }

  /** Saves the whole state as a named snapshot ({@code POST /_sandbox/snapshots}). */
  public void createSnapshot(String name) throws IOException {
    ObjectNode body = Json.object();
    body.put("name", name);
    Http.call(http, new Request.Builder().url(url("/_sandbox/snapshots").build()).post(Http.json(body)).build());
  }

  /** The names of the saved snapshots, in name order. */
  public List<String> snapshots() throws IOException {
    JsonNode page = Http.call(http, new Request.Builder().url(url("/_sandbox/snapshots").build()).get().build());
    List<String> names = new java.util.ArrayList<>();
    page.path("data").forEach(n -> names.add(n.path("name").asText()));
    return names;
  }

  /** Replaces the whole state with a named snapshot. */
  public void restoreSnapshot(String name) throws IOException {
    Http.call(
        http,
        new Request.Builder()
            .url(url("/_sandbox/snapshots").addPathSegment(name).addPathSegment("restore").build())
            .post(RequestBody.create(new byte[0]))
            .build());
  }
}
