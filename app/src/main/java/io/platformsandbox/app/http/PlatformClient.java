package io.platformsandbox.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.DeliveryInfo;
import io.platformsandbox.app.model.EventItem;
import io.platformsandbox.app.model.EventPage;
import io.platformsandbox.app.model.FileInfo;
import io.platformsandbox.app.model.TopicInfo;
import io.platformsandbox.app.model.WebhookInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Platform API v1 as one app sees it. Its client is a variant of the shared one with a bearer
 * interceptor that fetches the app's token and fetches a fresh one once on a 401. Blocking.
 */
public final class PlatformClient {
  private final OkHttpClient http;
  private final HttpUrl base;
  private final AppInfo app;

  /**
   * @param scope narrows the token to these scopes (space-separated), or null for all the app has
   */
  public PlatformClient(OkHttpClient shared, String apiUrl, TokenCache tokens, AppInfo app, String scope) {
    this.app = app;
    this.base = HttpUrl.get(apiUrl);
    this.http =
        shared
            .newBuilder()
            .addInterceptor(
                chain -> {
                  Request request =
                      chain.request().newBuilder().header("Authorization", "Bearer " + tokens.token(app, scope)).build();
                  Response response = chain.proceed(request);
                  if (response.code() == 401) {
                    response.close();
                    tokens.invalidate(app);
                    request = request.newBuilder().header("Authorization", "Bearer " + tokens.token(app, scope)).build();
                    response = chain.proceed(request);
                  }
                  return response;
                })
            .build();
  }

  public AppInfo app() {
    return app;
  }

  private HttpUrl.Builder url(String first, String... segments) {
    HttpUrl.Builder b = base.newBuilder().encodedPath(first);
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b;
  }

  public List<CollectionInfo> collections() throws IOException {
    List<CollectionInfo> out = new ArrayList<>();
    String cursor = null;
    do {
      HttpUrl.Builder u = url("/v1/collections").addQueryParameter("limit", "500");
      if (cursor != null) {
        u.addQueryParameter("cursor", cursor);
      }
      JsonNode page = Http.call(http, new Request.Builder().url(u.build()).get().build());
      page.path("data").forEach(n -> out.add(CollectionInfo.from(app.tenant(), n)));
      cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
    } while (cursor != null);
    return out;
  }

  public CollectionInfo createCollection(ObjectNode body) throws IOException {
    Request r =
        new Request.Builder()
            .url(url("/v1/collections").build())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .post(Http.json(body))
            .build();
    return CollectionInfo.from(app.tenant(), Http.call(http, r));
  }

  /** One page of records: {@code {data, next_cursor}}. */
  public JsonNode records(String collection, String filter, String orderBy, int limit, String cursor) throws IOException {
    HttpUrl.Builder u = url("/v1/collections", collection, "records").addQueryParameter("limit", Integer.toString(limit));
    if (filter != null && !filter.isBlank()) {
      u.addQueryParameter("filter", filter);
    }
    if (orderBy != null && !orderBy.isBlank()) {
      u.addQueryParameter("order_by", orderBy);
    }
    if (cursor != null) {
      u.addQueryParameter("cursor", cursor);
    }
    return Http.call(http, new Request.Builder().url(u.build()).get().build());
  }

  public JsonNode createRecord(String collection, ObjectNode fields) throws IOException {
    Request r =
        new Request.Builder()
            .url(url("/v1/collections", collection, "records").build())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .post(Http.json(fields))
            .build();
    return Http.call(http, r);
  }

  public JsonNode patchRecord(String collection, String id, long version, ObjectNode changes) throws IOException {
    Request r =
        new Request.Builder()
            .url(url("/v1/collections", collection, "records", id).build())
            .header("If-Match", "\"" + version + "\"")
            .patch(Http.json(changes))
            .build();
    return Http.call(http, r);
  }

  public void deleteRecord(String collection, String id, long version) throws IOException {
    Request r =
        new Request.Builder()
            .url(url("/v1/collections", collection, "records", id).build())
            .header("If-Match", "\"" + version + "\"")
            .delete()
            .build();
    Http.call(http, r);
  }

  public List<FileInfo> files(String prefix) throws IOException {
    List<FileInfo> out = new ArrayList<>();
    String cursor = null;
    do {
      HttpUrl.Builder u = url("/v1/files").addQueryParameter("limit", "500");
      if (prefix != null && !prefix.isEmpty()) {
        u.addQueryParameter("prefix", prefix);
      }
      if (cursor != null) {
        u.addQueryParameter("cursor", cursor);
      }
      JsonNode page = Http.call(http, new Request.Builder().url(u.build()).get().build());
      page.path("data").forEach(n -> out.add(FileInfo.from(app.tenant(), n)));
      cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
    } while (cursor != null && out.size() < 5000);
    return out;
  }

  // ---- events and webhooks -----------------------------------------------------------------

  /** The tenant's topics, {@code platform} first. */
  public List<TopicInfo> topics() throws IOException {
    List<TopicInfo> out = new ArrayList<>();
    Http.call(http, new Request.Builder().url(url("/v1/topics").build()).get().build())
        .path("data")
        .forEach(n -> out.add(TopicInfo.from(app.tenant(), n)));
    return out;
  }

  /** Creates an empty topic (for apps to publish to). */
  public TopicInfo createTopic(String name) throws IOException {
    ObjectNode body = io.platformsandbox.app.core.Json.object();
    body.put("name", name);
    Request r =
        new Request.Builder()
            .url(url("/v1/topics").build())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .post(Http.json(body))
            .build();
    return TopicInfo.from(app.tenant(), Http.call(http, r));
  }

  /**
   * Events of {@code topic} after offset {@code after}, oldest first; with {@code waitSeconds} > 0
   * a long poll. {@code onCall} gets the HTTP call before it runs, so that it can be cancelled.
   */
  public EventPage events(String topic, long after, int limit, int waitSeconds, Consumer<Call> onCall) throws IOException {
    HttpUrl.Builder u =
        url("/v1/topics", topic, "events")
            .addQueryParameter("after", Long.toString(after))
            .addQueryParameter("limit", Integer.toString(limit));
    if (waitSeconds > 0) {
      u.addQueryParameter("wait", Integer.toString(waitSeconds));
    }
    Call call = http.newCall(new Request.Builder().url(u.build()).get().build());
    if (onCall != null) {
      onCall.accept(call);
    }
    JsonNode page = Http.execute(call);
    List<EventItem> events = new ArrayList<>();
    page.path("data").forEach(n -> events.add(EventItem.from(n)));
    long last = page.path("last_offset").asLong(events.isEmpty() ? after : events.get(events.size() - 1).offset());
    return new EventPage(events, last, page.hasNonNull("next_cursor"));
  }

  public List<WebhookInfo> webhooks() throws IOException {
    List<WebhookInfo> out = new ArrayList<>();
    Http.call(http, new Request.Builder().url(url("/v1/webhooks").build()).get().build())
        .path("data")
        .forEach(n -> out.add(WebhookInfo.from(app.tenant(), n)));
    return out;
  }

  /** Registers a webhook; the answer's {@code secret} is only shown here. */
  public JsonNode createWebhook(String url, List<String> events) throws IOException {
    ObjectNode body = io.platformsandbox.app.core.Json.object();
    body.put("url", url);
    var arr = body.putArray("events");
    events.forEach(arr::add);
    Request r =
        new Request.Builder()
            .url(url("/v1/webhooks").build())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .post(Http.json(body))
            .build();
    return Http.call(http, r);
  }

  public void deleteWebhook(String id) throws IOException {
    Http.call(http, new Request.Builder().url(url("/v1/webhooks", id).build()).delete().build());
  }

  /** The webhook's newest deliveries (one page of up to {@code limit}), newest first. */
  public List<DeliveryInfo> deliveries(String webhook, int limit) throws IOException {
    HttpUrl u = url("/v1/webhooks", webhook, "deliveries").addQueryParameter("limit", Integer.toString(limit)).build();
    List<DeliveryInfo> out = new ArrayList<>();
    Http.call(http, new Request.Builder().url(u).get().build()).path("data").forEach(n -> out.add(DeliveryInfo.from(n)));
    return out;
  }

  /** One attempt at once (the engine answers when it is over, up to 10 s): the delivery after it. */
  public DeliveryInfo redeliver(String webhook, String delivery) throws IOException {
    Request r =
        new Request.Builder()
            .url(url("/v1/webhooks", webhook, "deliveries", delivery, "redeliver").build())
            .post(okhttp3.RequestBody.create(new byte[0]))
            .build();
    return DeliveryInfo.from(Http.call(http, r));
  }
}
