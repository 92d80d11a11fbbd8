package io.platformsandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Set-up calls against a running engine (control API, OAuth, collections), over {@link RawHttp}. */
final class Api implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TENANT = "bench";
  static final String COLLECTION = "items";

  final int port;
  private final RawHttp http;

  Api(int port) {
    this.port = port;
    this.http = new RawHttp("127.0.0.1", port);
  }

  RawHttp.Response call(String method, String path, String auth, String contentType, byte[] body) throws IOException {
    return http.exchange(RawHttp.request(method, "127.0.0.1", port, path, auth, contentType, body), true);
  }

  JsonNode json(String method, String path, String auth, Object body, int expect) throws IOException {
    byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
    RawHttp.Response r = call(method, path, auth, bytes == null ? null : "application/json", bytes);
    if (r.status() != expect) {
      throw new IllegalStateException(method + " " + path + " answered " + r.status() + " (expected " + expect + "): " + r.text());
    }
    return r.body() == null || r.body().length == 0 ? null : JSON.readTree(r.body());
  }

  /**
   * A tenant with rate limiting off, an app with the records scopes, its token, and the bench
   * collection: {status: string, indexed; title: string; amount: integer; active: boolean}.
   */
  String setUp() throws IOException {
    ObjectNode tenant = JSON.createObjectNode().put("id", TENANT).put("name", "Bench");
    tenant.putObject("rate_limit").put("per_second", 0);
    json("POST", "/_sandbox/tenants", null, tenant, 201);
    ObjectNode app = JSON.createObjectNode().put("tenant", TENANT).put("name", "bench-app");
    app.putArray("scopes").add("records:read").add("records:write");
    JsonNode creds = json("POST", "/_sandbox/apps", null, app, 201);
    String basic =
        "Basic " + Base64.getEncoder().encodeToString(
            (creds.get("client_id").asText() + ":" + creds.get("client_secret").asText()).getBytes(StandardCharsets.UTF_8));
    RawHttp.Response tok =
        call("POST", "/oauth/token", basic, "application/x-www-form-urlencoded",
            "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII));
    if (tok.status() != 200) {
      throw new IllegalStateException("POST /oauth/token answered " + tok.status() + ": " + tok.text());
    }
    String token = "Bearer " + JSON.readTree(tok.body()).get("access_token").asText();
    ObjectNode coll = JSON.createObjectNode().put("name", COLLECTION);
    var fields = coll.putArray("fields");
    fields.addObject().put("name", "status").put("type", "string").put("indexed", true);
    fields.addObject().put("name", "title").put("type", "string").put("indexed", false);
    fields.addObject().put("name", "amount").put("type", "integer").put("indexed", false);
    fields.addObject().put("name", "active").put("type", "boolean").put("indexed", false);
    json("POST", "/v1/collections", token, coll, 201);
    return token;
  }

  /** The token of the bench app again, after an engine restart on the same workspace. */
  String tokenAgain() throws IOException {
    JsonNode apps = json("GET", "/_sandbox/apps", null, null, 200);
    JsonNode app = apps.get("data").get(0);
    String basic =
        "Basic " + Base64.getEncoder().encodeToString(
            (app.get("client_id").asText() + ":" + app.get("client_secret").asText()).getBytes(StandardCharsets.UTF_8));
    RawHttp.Response tok =
        call("POST", "/oauth/token", basic, "application/x-www-form-urlencoded",
            "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII));
    if (tok.status() != 200) {
      throw new IllegalStateException("POST /oauth/token answered " + tok.status() + ": " + tok.text());
    }
    return "Bearer " + JSON.readTree(tok.body()).get("access_token").asText();
  }

  /** The body of bench record number {@code i}: a selective status on every 100th record. */
  static byte[] recordBody(long i, int rareValues) {
    String status = i % 100 == 0 ? "rare-" + ((i / 100) % rareValues) : "common-" + (i % 4);
    return ("{\"status\":\"" + status + "\",\"title\":\"bench record " + i + "\",\"amount\":" + (i % 10_000)
            + ",\"active\":" + (i % 2 == 0) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String recordsPath() {
    return "/v1/collections/" + COLLECTION + "/records";
  }

  static String filterTarget(String status, int limit) {
    String filter = URLEncoder.encode("status eq \"" + status + "\"", StandardCharsets.UTF_8).replace("+", "%20");
    return recordsPath() + "?filter=" + filter + "&limit=" + limit;
  }

  static List<String> serveArgs(String... args) {
    return List.of(args);
  }

  @Override
  public void close() {
    http.close();
  }
}
