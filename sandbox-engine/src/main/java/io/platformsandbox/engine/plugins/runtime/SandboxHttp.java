package io.platformsandbox.engine.plugins.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A client for a running sandbox's HTTP APIs — the control API, the Platform API and the mock
 * server's {@code /__sandbox} endpoints — as the CLI, the runtime and the validator use them. The
 * runtime goes through HTTP, not engine internals, so it works against any {@code sandbox serve}.
 * Thread-safe.
 */
public final class SandboxHttp {
  private final String apiUrl;
  private final String mockUrl;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  public SandboxHttp(String apiUrl, String mockUrl) {
    this.apiUrl = strip(apiUrl);
    this.mockUrl = strip(mockUrl);
  }

  public String apiUrl() {
    return apiUrl;
  }

  public String mockUrl() {
    return mockUrl;
  }

  /** A response: status, headers and body. */
  public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
    public JsonNode json() {
      if (body.isBlank()) {
        return MissingNode.getInstance();
      }
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        return MissingNode.getInstance();
      }
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    /** Throws unless 2xx, with the problem's detail when there is one. */
    public Reply expectOk(String what) {
      if (!ok()) {
        JsonNode p = json();
        String detail = p.path("detail").asText(p.path("title").asText(body));
        throw new SandboxHttpException(what + " failed (" + status + "): " + detail + errors(p));
      }
      return this;
    }

    private static String errors(JsonNode p) {
      return p.path("errors").isObject() && !p.path("errors").isEmpty() ? " " + p.path("errors") : "";
    }
  }

  public Reply api(String method, String path, Object body) {
    return send(method, apiUrl + path, body == null ? null : Json.bytes(body), "application/json", Map.of());
  }

  public Reply api(String method, String path, Object body, String token) {
    return send(method, apiUrl + path, body == null ? null : Json.bytes(body), "application/json",
        Map.of("Authorization", "Bearer " + token));
  }

  public Reply mock(String method, String path, Object body) {
    return send(method, mockUrl + path, body == null ? null : Json.bytes(body), "application/json", Map.of());
  }

  /** An OAuth access token for an app (client credentials). */
  public String token(String clientId, String clientSecret) {
    String form = "grant_type=client_credentials";
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    Reply r = send("POST", apiUrl + "/oauth/token", form.getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded", Map.of("Authorization", "Basic " + basic));
    return r.expectOk("Getting a token for " + clientId).json().path("access_token").asText();
  }

  public Reply send(String method, String url, byte[] body, String contentType, Map<String, String> headers) {
    return send(method, url, body, contentType, headers, Duration.ofSeconds(30));
  }

  public Reply send(String method, String url, byte[] body, String contentType, Map<String, String> headers, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    headers.forEach(b::header);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new SandboxHttpException(method + " " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxHttpException(method + " " + url + ": interrupted", e);
    }
  }

  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A call to the sandbox that failed; the message says which and why. */
  public static final class SandboxHttpException extends RuntimeException {
    public SandboxHttpException(String message) {
      super(message);
    }

    public SandboxHttpException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
