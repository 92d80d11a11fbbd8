package io.platformsandbox.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.app.model.AppInfo;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Access tokens by client credentials, cached per app and scope set until shortly before they
 * expire (by the workbench's clock; a sandbox clock moved ahead makes the API answer 401, and the
 * caller then {@link #invalidate}s). Thread-safe.
 */
public final class TokenCache {
  private final OkHttpClient http;
  private final HttpUrl tokenUrl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String token, long expiresAtMillis) {}

  public TokenCache(OkHttpClient http, String apiUrl) {
    this.http = http;
    this.tokenUrl = HttpUrl.get(apiUrl).newBuilder().encodedPath("/oauth/token").build();
  }

  /** A bearer token for the app; {@code scope} narrows it (space-separated), or null for all. */
  public String token(AppInfo app, String scope) throws IOException {
    String key = app.clientId() + "|" + (scope == null ? "*" : scope);
    Cached c = cache.get(key);
    if (c != null && c.expiresAtMillis > System.currentTimeMillis()) {
      return c.token;
    }
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
    if (scope != null) {
      form.add("scope", scope);
    }
    Request request =
        new Request.Builder()
            .url(tokenUrl)
            .header("Authorization", Credentials.basic(app.clientId(), app.clientSecret()))
            .post(form.build())
            .build();
    JsonNode n = Http.call(http, request);
    String token = n.path("access_token").asText();
    long ttl = Math.max(10, n.path("expires_in").asLong(3600) - 30);
    cache.put(key, new Cached(token, System.currentTimeMillis() + ttl * 1000));
    return token;
  }

  public void invalidate(AppInfo app) {
    cache.keySet().removeIf(k -> k.startsWith(app.clientId() + "|"));
  }

  public void clear() {
    cache.clear();
  }
}
