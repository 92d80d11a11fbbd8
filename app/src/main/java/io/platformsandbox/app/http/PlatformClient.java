package io.platformsandbox.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.model.FileInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
}
