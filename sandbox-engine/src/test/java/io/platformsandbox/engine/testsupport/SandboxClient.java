package io.platformsandbox.engine.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A small HTTP client for acceptance tests: talks to a real engine over loopback. */
public final class SandboxClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(int status, Map<String, List<String>> headers, byte[] bytes) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  /** An app's credentials. */
  public record Credentials(String clientId, String clientSecret, String tenant) {}

  private final String baseUrl;

  public SandboxClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Response send(String method, String path, String token, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public Response get(String path, String token, String... headers) {
    return send("GET", path, token, null, null, headers);
  }

  public Response delete(String path, String token, String... headers) {
    return send("DELETE", path, token, null, null, headers);
  }

  public Response post(String path, String token, Object json, String... headers) {
    return send("POST", path, token, "application/json", Json.bytes(json), headers);
  }

  public Response patch(String path, String token, Object json, String... headers) {
    return send("PATCH", path, token, "application/json", Json.bytes(json), headers);
  }

  public Response postRaw(String path, String token, String contentType, String body, String... headers) {
    return send("POST", path, token, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  // ---- control API conveniences ----

  public void createTenant(String id) {
    Response r = post("/_sandbox/tenants", null, Map.of("id", id, "name", id.toUpperCase()));
    if (r.status() != 201) {
      throw new AssertionError("tenant " + id + ": " + r);
    }
  }

  public Credentials createApp(String tenant, String name, List<String> scopes) {
    Response r = post("/_sandbox/apps", null, Map.of("tenant", tenant, "name", name, "scopes", scopes));
    if (r.status() != 201) {
      throw new AssertionError("app " + name + ": " + r);
    }
    return new Credentials(r.json().get("client_id").asText(), r.json().get("client_secret").asText(), tenant);
  }

  public Response requestToken(Credentials app, String scope) {
    String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20"));
    String basic =
        Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
    return send(
        "POST",
        "/oauth/token",
        null,
        "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.UTF_8),
        "Authorization",
        "Basic " + basic);
  }

  public String token(Credentials app) {
    Response r = requestToken(app, null);
    if (r.status() != 200) {
      throw new AssertionError("token: " + r);
    }
    return r.json().get("access_token").asText();
  }

  /** Creates the tenant and an app in it holding every scope. */
  public Credentials createAppIn(String tenant) {
    createTenant(tenant);
    return createApp(tenant, tenant + "-app", AllScopes.WIRE);
  }

  /** A tenant with one app holding every scope; returns its token. */
  public String tenantWithAllScopes(String tenant) {
    createTenant(tenant);
    return token(createApp(tenant, tenant + "-app", AllScopes.WIRE));
  }

  public static ObjectNode object(Object... keyValues) {
    ObjectNode node = Json.object();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], Json.MAPPER.valueToTree(keyValues[i + 1]));
    }
    return node;
  }
}
