package io.platformsandbox.engine.openapi;

import static io.platformsandbox.engine.openapi.OpenApiDocs.CONTROL_FILE;
import static io.platformsandbox.engine.openapi.OpenApiDocs.assertNoProblems;
import static io.platformsandbox.engine.openapi.OpenApiDocs.key;
import static io.platformsandbox.engine.openapi.OpenApiDocs.openApiPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.api.Access;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the control API's OpenAPI document ({@code control-api.yaml}) and the engine's
 * control routes ({@code /_sandbox/...}, {@link Access#CONTROL}) describe the same API, both ways:
 * every control route is documented with its method, path, action, body kind and path parameters,
 * and every documented operation is a control route. Then calls every operation on a running
 * engine and checks each answer's status, media type, headers and body against the document.
 */
class ControlApiContractTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private static Engine engine;
  private static JsonNode doc;
  private static Map<String, OpenApiDocs.Operation> operations;
  private static Map<String, Route> routes;

  @BeforeAll
  static void start() {
    // No mock APIs server: the control API's contract does not involve it, and WireMock is slow to start.
    engine = Engine.create(EngineConfig.ephemeral().withMockPort(-1)).start();
    doc = OpenApiRoutes.controlDocument();
    operations = OpenApiDocs.operations(doc);
    routes = new LinkedHashMap<>();
    for (Route route : engine.routes()) {
      if (route.access() == Access.CONTROL || route.path().startsWith("/_sandbox")) {
        routes.put(key(route), route);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  // ---- the route table and the document, both ways ---------------------------------------------

  @Test
  void theControlRoutesAreExactlyTheSandboxPaths() {
    List<String> problems = new ArrayList<>();
    for (Route route : engine.routes()) {
      boolean sandboxPath = route.path().equals("/_sandbox") || route.path().startsWith("/_sandbox/");
      if (sandboxPath && route.access() != Access.CONTROL) {
        problems.add(key(route) + " (action '" + route.action() + "') is under /_sandbox but its access is "
            + route.access() + ": control routes are declared with .control() (loopback only, no token).");
      }
      if (!sandboxPath && route.access() == Access.CONTROL) {
        problems.add(key(route) + " (action '" + route.action() + "') is a control route outside /_sandbox:"
            + " move it under /_sandbox, or give it another access.");
      }
    }
    assertNoProblems(problems);
    assertThat(routes)
        .as("Engine.routes() should hold the control routes")
        .containsKeys("GET /_sandbox/health", "POST /_sandbox/tenants", "GET /_sandbox/openapi.json");
  }

  @Test
  void everyControlRouteIsDocumented() {
    List<String> problems = new ArrayList<>();
    routes.forEach(
        (key, route) -> {
          if (!operations.containsKey(key)) {
            String body = OpenApiDocs.mediaType(route.body());
            problems.add(
                "Control route " + key + " (action '" + route.action() + "') is not documented. Add to "
                    + CONTROL_FILE + ": paths: '" + openApiPath(route.path()) + "': "
                    + route.method().name().toLowerCase(Locale.ROOT) + ": with operationId: " + route.action()
                    + (body == null ? ", no requestBody" : ", requestBody.content['" + body + "']")
                    + ", path parameters " + OpenApiDocs.pathParams(route.path())
                    + " and a 403 response ($ref: '#/components/responses/NotLoopback').");
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void everyDocumentedOperationIsAControlRoute() {
    List<String> problems = new ArrayList<>();
    operations.forEach(
        (key, op) -> {
          if (!routes.containsKey(key)) {
            problems.add(
                CONTROL_FILE + " documents " + key + " (operationId '" + op.operationId() + "') at " + op.where()
                    + ", but the engine serves no such control route"
                    + (op.path().startsWith("/_sandbox") ? "" : " (this document is for /_sandbox only)")
                    + ". Remove the operation from the YAML, or add the route to the *Routes class that owns it."
                    + " Control routes with this path: "
                    + routes.values().stream()
                        .filter(r -> openApiPath(r.path()).equals(op.path()))
                        .map(r -> r.method().name())
                        .sorted()
                        .toList());
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void operationIdsAreTheRoutesActions() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          if (!route.action().equals(op.operationId())) {
            problems.add(
                key(route) + ": set operationId: " + route.action() + " at " + op.where() + " in " + CONTROL_FILE
                    + " (found " + (op.operationId() == null ? "none" : "'" + op.operationId() + "'") + ").");
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void requestBodiesMatchTheRoutesBodyKinds() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          JsonNode body = OpenApiDocs.resolve(doc, op.node().path("requestBody"));
          JsonNode content = body.path("content");
          String where = " at " + op.where() + " in " + CONTROL_FILE;
          if (route.body() == Body.NONE) {
            if (!body.isMissingNode()) {
              problems.add(key(route) + " reads no body, but a requestBody is documented" + where + ": remove it.");
            }
            return;
          }
          if (body.isMissingNode()) {
            problems.add(key(route) + " reads a " + route.body() + " body: document a requestBody" + where + ".");
            return;
          }
          if (!body.path("required").asBoolean(false)) {
            problems.add(key(route) + " needs its body: set requestBody.required: true" + where + ".");
          }
          if (route.body() == Body.RAW) {
            // Any bytes reach the handler; the document names the media types it understands.
            if (!content.isObject() || content.isEmpty()) {
              problems.add(key(route) + " reads a RAW body: list the media types it understands (or */*) in"
                  + " requestBody.content" + where + ".");
            }
          } else {
            String expected = OpenApiDocs.mediaType(route.body());
            if (!content.has(expected)) {
              problems.add(key(route) + " reads a " + route.body() + " body: document requestBody.content['"
                  + expected + "']" + where + " (found " + OpenApiDocs.fieldNames(content) + ").");
            }
            if (route.body() == Body.JSON && content.path(expected).path("schema").isMissingNode()) {
              problems.add(key(route) + ": give requestBody.content['application/json'] a schema" + where + ".");
            }
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void pathParametersMatchTheRoutes() {
    List<String> problems = new ArrayList<>();
    forEachDocumentedRoute(
        (route, op) -> {
          List<JsonNode> params = OpenApiDocs.parameters(doc, op);
          Set<String> expected = OpenApiDocs.pathParams(route.path());
          Set<String> documented =
              params.stream()
                  .filter(p -> p.path("in").asText().equals("path"))
                  .map(p -> p.path("name").asText())
                  .collect(Collectors.toCollection(TreeSet::new));
          if (!expected.equals(documented)) {
            problems.add(key(route) + " has path parameters " + expected + " but " + op.where() + " in "
                + CONTROL_FILE + " documents " + documented + ": declare each as {name, in: path, required: true}.");
          }
          params.stream()
              .filter(p -> p.path("in").asText().equals("path") && !p.path("required").asBoolean(false))
              .forEach(p -> problems.add(key(route) + ": path parameter '" + p.path("name").asText()
                  + "' must have required: true."));
          if (route.idempotent()) {
            problems.add(key(route) + " is marked idempotent, but the dispatcher replays Idempotency-Key only for"
                + " authenticated apps, so on a control route it does nothing: remove .idempotent().");
          }
          if (params.stream().anyMatch(p -> p.path("in").asText().equals("header")
              && p.path("name").asText().equalsIgnoreCase("Idempotency-Key"))) {
            problems.add(key(route) + ": control routes ignore Idempotency-Key; remove it at " + op.where() + ".");
          }
        });
    assertNoProblems(problems);
  }

  @Test
  void noOperationAsksForCredentialsAndEachSaysItIsLoopbackOnly() {
    List<String> problems = new ArrayList<>();
    JsonNode topSecurity = doc.get("security");
    if (topSecurity != null && !(topSecurity.isArray() && topSecurity.isEmpty())) {
      problems.add("the top-level security of " + CONTROL_FILE + " must be [] (or absent): the control API takes no credentials.");
    }
    if (!doc.at("/components/securitySchemes").isMissingNode()) {
      problems.add(CONTROL_FILE + " declares components.securitySchemes, but the control API takes no credentials.");
    }
    if (!doc.at("/info/description").asText().toLowerCase(Locale.ROOT).contains("loopback")) {
      problems.add("info.description of " + CONTROL_FILE + " must say that the control API answers loopback callers only.");
    }
    for (OpenApiDocs.Operation op : operations.values()) {
      JsonNode security = op.node().get("security");
      if (security != null && !(security.isArray() && (security.isEmpty() || onlyEmptyObjects(security)))) {
        problems.add(op.where() + " declares security " + security + ", but the control API takes no credentials.");
      }
      JsonNode forbidden = OpenApiDocs.resolve(doc, op.node().path("responses").path("403"));
      String text = Json.string(forbidden);
      if (forbidden.isMissingNode() || !text.contains("control-api-loopback-only")) {
        problems.add(op.where() + " must document the 403 that non-loopback callers get: "
            + "'403': {$ref: '#/components/responses/NotLoopback'}.");
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void theScopesTheDocumentListsAreTheEnginesScopes() {
    Set<String> documented = new TreeSet<>();
    doc.at("/components/schemas/Scope/enum").forEach(s -> documented.add(s.asText()));
    Set<String> engine = Arrays.stream(Scope.values()).map(Scope::wire).collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented)
        .as("components.schemas.Scope.enum in %s must list api/Scope.java's scopes", CONTROL_FILE)
        .isEqualTo(engine);
  }

  // ---- the document on its own ----------------------------------------------------------------

  @Test
  void isValidYamlWithoutDuplicateKeysAndRoundTripsAsJson() throws Exception {
    assertThatCode(() -> OpenApiDocs.readStrict(OpenApiRoutes.CONTROL_RESOURCE))
        .as("%s must be valid YAML without duplicate keys", CONTROL_FILE)
        .doesNotThrowAnyException();
    JsonNode strict = OpenApiDocs.readStrict(OpenApiRoutes.CONTROL_RESOURCE);
    assertThat(strict.isObject()).as("%s must be a YAML mapping at the top", CONTROL_FILE).isTrue();
    assertThat(OpenApiRoutes.controlDocument()).as("what OpenApiRoutes serves must be what the file says").isEqualTo(strict);
    assertThat(OpenApiDocs.sameJson(Json.MAPPER.readTree(Json.string(strict)), strict))
        .as("the document must survive a JSON round trip unchanged")
        .isTrue();
  }

  @Test
  void hasTheShapeOfAnOpenApi31Document() {
    assertThat(doc.path("openapi").asText()).as("'openapi' in %s", CONTROL_FILE).startsWith("3.1");
    assertThat(doc.path("info").path("title").asText()).as("info.title in %s", CONTROL_FILE).isNotBlank();
    assertThat(doc.path("info").path("version").isTextual())
        .as("info.version in %s must be a string (quote it: \"1\")", CONTROL_FILE)
        .isTrue();
    assertThat(doc.path("servers").findValuesAsText("url"))
        .as("servers in %s must be the sandbox's default address", CONTROL_FILE)
        .containsExactly("http://127.0.0.1:8787");
    List<String> problems = new ArrayList<>();
    doc.path("paths").fieldNames().forEachRemaining(path -> {
      if (!path.startsWith("/_sandbox/") || path.contains("+}")) {
        problems.add("paths['" + path + "'] in " + CONTROL_FILE + ": paths start with /_sandbox/ and use {name} templates (no '+').");
      }
    });
    assertNoProblems(problems);
  }

  @Test
  void everyOperationHasAUniqueIdATagAndASuccessResponse() {
    Map<String, String> seen = new HashMap<>();
    Set<String> tags = new TreeSet<>();
    doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
    List<String> problems = new ArrayList<>();
    for (OpenApiDocs.Operation op : operations.values()) {
      String id = op.operationId();
      if (id == null || id.isBlank()) {
        problems.add(op.where() + " has no operationId: set it to the route's action.");
      } else if (seen.put(id, op.key()) != null) {
        problems.add(op.where() + " reuses operationId '" + id + "' of " + seen.get(id) + ".");
      }
      for (JsonNode tag : op.node().path("tags")) {
        if (!tags.contains(tag.asText())) {
          problems.add(op.where() + " uses the tag '" + tag.asText() + "', which the top-level tags do not describe.");
        }
      }
      if (OpenApiDocs.fieldNames(op.node().path("responses")).stream().noneMatch(s -> s.startsWith("2"))) {
        problems.add(op.where() + " documents no 2xx response.");
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void everyRefResolvesWithinTheDocument() {
    int[] count = {0};
    OpenApiDocs.walkRefs(doc, "", (where, ref) -> count[0]++);
    assertThat(count[0]).as("the document should reuse components through $ref").isPositive();
    assertNoProblems(OpenApiDocs.danglingRefs(doc, CONTROL_FILE));
  }

  @Test
  void everyExampleMatchesItsSchema() {
    SchemaCheck check = new SchemaCheck(doc, false);
    List<String> problems = new ArrayList<>();
    List<String[]> pointers = new ArrayList<>();
    collectMediaTypes(doc, "", pointers);
    assertThat(pointers).as("media type objects with a schema and examples in %s", CONTROL_FILE).isNotEmpty();
    for (String[] p : pointers) {
      JsonNode media = doc.at(p[0]);
      if (p[1].equals("application/zip") || p[1].equals("text/event-stream")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = media.path("examples").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> example = it.next();
        for (String problem : check.problems(media.get("schema"), example.getValue().path("value"))) {
          problems.add(p[0] + "/examples/" + example.getKey() + ": " + problem);
        }
      }
    }
    assertNoProblems(problems);
  }

  // ---- the running engine ---------------------------------------------------------------------

  @Test
  void theEngineServesTheDocumentAsJson() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(engine.apiUrl() + "/_sandbox/openapi.json")).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET /_sandbox/openapi.json status; body: %s", response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("GET /_sandbox/openapi.json Content-Type")
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("X-Request-Id")).as("every response carries X-Request-Id").isPresent();
    JsonNode served = Json.MAPPER.readTree(response.body());
    assertThat(served.path("openapi").asText()).as("the served document's 'openapi' version").startsWith("3.1");
    assertThat(OpenApiDocs.sameJson(served, doc))
        .as("the served JSON must be the YAML resource %s, unchanged", CONTROL_FILE)
        .isTrue();
    assertThat(Json.MAPPER.readTree(get("/v1/openapi.json").body))
        .as("GET /v1/openapi.json still serves the Platform API document, not this one")
        .isEqualTo(OpenApiRoutes.document());
  }

  /**
   * Calls every control operation once with valid input (and a few with invalid input) and
   * checks each answer against the document: a documented status, a documented media type, the
   * documented required headers, and a body that matches the schema with no undocumented member.
   */
  @Test
  void everyOperationAnswersAsDocumented() throws Exception {
    Calls calls = new Calls();

    calls.json("GET /_sandbox/health", "/_sandbox/health", null);
    calls.json("GET /_sandbox/info", "/_sandbox/info", null);
    calls.json("GET /_sandbox/openapi.json", "/_sandbox/openapi.json", null);

    calls.json("POST /_sandbox/tenants", "/_sandbox/tenants",
        "{\"id\": \"contract\", \"name\": \"Contract Co\", \"rate_limit\": {\"per_second\": 0}}").expect(201);
    calls.json("POST /_sandbox/tenants", "/_sandbox/tenants", "{\"id\": \"contract\"}").expect(409);
    calls.json("POST /_sandbox/tenants", "/_sandbox/tenants", "{\"id\": \"Not Valid\", \"rate_limit\": 5}").expect(422);
    calls.call("POST /_sandbox/tenants", "POST", "/_sandbox/tenants", "text/plain", bytes("{}")).expect(415);
    calls.call("POST /_sandbox/tenants", "POST", "/_sandbox/tenants", "application/json", new byte[0]).expect(400);
    calls.json("GET /_sandbox/tenants", "/_sandbox/tenants", null).expect(200);
    calls.json("GET /_sandbox/tenants/{tenant}", "/_sandbox/tenants/contract", null).expect(200);
    calls.json("GET /_sandbox/tenants/{tenant}", "/_sandbox/tenants/nobody", null).expect(404);
    calls.json("PATCH /_sandbox/tenants/{tenant}", "/_sandbox/tenants/contract",
        "{\"name\": \"Contract Corp\", \"rate_limit\": {\"per_second\": 0, \"burst\": 5}}").expect(200);

    Exchange app = calls.json("POST /_sandbox/apps", "/_sandbox/apps",
        "{\"tenant\": \"contract\", \"name\": \"probe\", \"scopes\": [\"records:read\", \"records:write\"]}").expect(201);
    String clientId = app.json().path("client_id").asText();
    calls.json("POST /_sandbox/apps", "/_sandbox/apps", "{\"tenant\": \"nobody\", \"name\": \"x\", \"scopes\": [\"nope\"]}").expect(422);
    calls.json("GET /_sandbox/apps", "/_sandbox/apps?tenant=contract", null).expect(200);
    calls.json("GET /_sandbox/apps/{client_id}", "/_sandbox/apps/" + clientId, null).expect(200);
    Exchange hook = calls.json("POST /_sandbox/webhooks", "/_sandbox/webhooks",
        "{\"client_id\": \"" + clientId + "\", \"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"record.created\"]}").expect(201);
    calls.json("DELETE /_sandbox/webhooks/{webhook}", "/_sandbox/webhooks/" + hook.json().path("id").asText(), null).expect(204);
    calls.json("DELETE /_sandbox/webhooks/{webhook}", "/_sandbox/webhooks/wh_nobody", null).expect(404);
    calls.json("POST /_sandbox/webhooks", "/_sandbox/webhooks",
        "{\"client_id\": \"ci_nobody\", \"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"record.created\"]}").expect(422);

    // A Platform API call, so that the traffic log has an entry.
    assertThat(get("/v1/openapi.json").status).isEqualTo(200);
    calls.json("GET /_sandbox/traffic", "/_sandbox/traffic?after=0&limit=10", null).expect(200);
    calls.json("GET /_sandbox/traffic", "/_sandbox/traffic?after=x", null).expect(400);
    calls.stream("GET /_sandbox/traffic/stream", "/_sandbox/traffic/stream?after=0", "TrafficEntry");

    calls.json("GET /_sandbox/clock", "/_sandbox/clock", null).expect(200);
    calls.json("POST /_sandbox/clock/advance", "/_sandbox/clock/advance", "{\"seconds\": 1.5}").expect(200);
    calls.json("POST /_sandbox/clock/advance", "/_sandbox/clock/advance", "{\"seconds\": -1}").expect(422);

    Exchange fault = calls.json("POST /_sandbox/faults", "/_sandbox/faults",
        "{\"method\": \"GET\", \"path\": \"/v1/nothing/**\", \"status\": 503, \"retry_after_s\": 2, \"count\": 2}").expect(201);
    calls.json("POST /_sandbox/faults", "/_sandbox/faults", "{\"method\": \"GET\"}").expect(422);
    calls.json("GET /_sandbox/faults", "/_sandbox/faults", null).expect(200);
    calls.json("DELETE /_sandbox/faults/{fault}", "/_sandbox/faults/" + fault.json().path("id").asText(), null).expect(204);
    calls.json("DELETE /_sandbox/faults/{fault}", "/_sandbox/faults/flt_000000000000", null).expect(404);
    calls.json("DELETE /_sandbox/faults", "/_sandbox/faults", null).expect(204);

    calls.json("POST /_sandbox/trigger", "/_sandbox/trigger",
        "{\"tenant\": \"contract\", \"type\": \"subject.erasure_requested\", \"subject\": \"s-1\", \"data\": {}}").expect(202);
    calls.json("POST /_sandbox/trigger", "/_sandbox/trigger", "{\"tenant\": \"nobody\", \"type\": \"x\"}").expect(422);

    String fixtures = """
        collections:
          - name: contacts
            subject_field: subject_id
            fields:
              - {name: name, type: string, required: true}
              - {name: subject_id, type: string}
        records:
          contacts:
            - {name: Ann Lee, subject_id: s-1}
        """;
    calls.call("POST /_sandbox/fixtures", "POST", "/_sandbox/fixtures?tenant=contract", "application/yaml", bytes(fixtures)).expect(201);
    calls.call("POST /_sandbox/fixtures", "POST", "/_sandbox/fixtures?tenant=contract", "application/json",
        bytes("{\"records\": {\"contacts\": [{\"subject_id\": \"s-2\"}]}}")).expect(422);
    calls.call("POST /_sandbox/fixtures", "POST", "/_sandbox/fixtures?tenant=nobody", "application/json", bytes("{}")).expect(404);
    calls.call("POST /_sandbox/fixtures", "POST", "/_sandbox/fixtures", "application/json", bytes("{}")).expect(400);

    calls.json("POST /_sandbox/snapshots", "/_sandbox/snapshots", "{\"name\": \"contract-snap\"}").expect(201);
    calls.json("POST /_sandbox/snapshots", "/_sandbox/snapshots", "{\"name\": \"contract-snap\"}").expect(409);
    calls.json("GET /_sandbox/snapshots", "/_sandbox/snapshots", null).expect(200);
    Exchange export = calls.json("GET /_sandbox/export", "/_sandbox/export", null).expect(200);
    calls.json("POST /_sandbox/snapshots/{name}/restore", "/_sandbox/snapshots/contract-snap/restore", null).expect(200);
    calls.json("POST /_sandbox/snapshots/{name}/restore", "/_sandbox/snapshots/missing/restore", null).expect(404);
    calls.call("POST /_sandbox/import", "POST", "/_sandbox/import", "application/zip", export.body).expect(200);
    calls.call("POST /_sandbox/import", "POST", "/_sandbox/import", "application/zip", bytes("not a zip")).expect(422);
    calls.json("DELETE /_sandbox/snapshots/{name}", "/_sandbox/snapshots/contract-snap", null).expect(204);
    calls.json("DELETE /_sandbox/snapshots/{name}", "/_sandbox/snapshots/Bad%20Name", null).expect(422);

    calls.json("DELETE /_sandbox/apps/{client_id}", "/_sandbox/apps/" + clientId, null).expect(204);
    calls.json("DELETE /_sandbox/apps/{client_id}", "/_sandbox/apps/" + clientId, null).expect(404);
    calls.json("DELETE /_sandbox/tenants/{tenant}", "/_sandbox/tenants/contract", null).expect(204);
    calls.json("POST /_sandbox/reset", "/_sandbox/reset", null).expect(204);

    assertNoProblems(calls.problems);
    Set<String> untried = new TreeSet<>(operations.keySet());
    untried.removeAll(calls.tried);
    assertThat(untried)
        .as("operations this test does not call yet: add a call for each to everyOperationAnswersAsDocumented")
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  /** One answer of the engine. */
  private record Exchange(String operation, String target, int status, HttpResponse<?> response, byte[] body, List<String> problems) {
    Exchange expect(int expected) {
      if (status != expected) {
        problems.add(operation + " at " + target + ": expected " + expected + ", got " + status + " "
            + new String(body, StandardCharsets.UTF_8));
      }
      return this;
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        return Json.object();
      }
    }
  }

  /** Makes calls, and checks each answer against the document as it comes. */
  private static final class Calls {
    final List<String> problems = new ArrayList<>();
    final Set<String> tried = new LinkedHashSet<>();
    final SchemaCheck check = new SchemaCheck(doc, true);

    Exchange json(String operation, String target, String body) throws Exception {
      String method = operation.substring(0, operation.indexOf(' '));
      return call(operation, method, target, body == null ? null : "application/json", body == null ? null : bytes(body));
    }

    Exchange call(String operation, String method, String target, String contentType, byte[] body) throws Exception {
      OpenApiDocs.Operation op = operations.get(operation);
      assertThat(op).as("the document has no operation %s", operation).isNotNull();
      tried.add(operation);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(engine.apiUrl() + target))
              .timeout(Duration.ofSeconds(30))
              .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Exchange exchange = new Exchange(operation, target, response.statusCode(), response, response.body(), problems);
      if (body != null && exchange.status() < 300) {
        checkAcceptedRequest(op, exchange, contentType, body);
      }
      checkResponse(op, exchange);
      return exchange;
    }

    /** Opens a server-sent event stream, reads its first event, and checks it against {@code schema}. */
    void stream(String operation, String target, String schema) throws Exception {
      OpenApiDocs.Operation op = operations.get(operation);
      assertThat(op).as("the document has no operation %s", operation).isNotNull();
      tried.add(operation);
      HttpResponse<InputStream> response =
          HTTP.send(HttpRequest.newBuilder(URI.create(engine.apiUrl() + target)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String where = operation + " at " + target;
        if (response.statusCode() != 200) {
          problems.add(where + ": expected 200, got " + response.statusCode());
          return;
        }
        checkMediaType(op, where, "200", response.headers().firstValue("Content-Type").orElse(null));
        checkHeaders(op, where, "200", response);
        String data = null;
        String event = null;
        for (String line; data == null && (line = reader.readLine()) != null; ) {
          if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
        if (data == null) {
          problems.add(where + ": the stream ended before its first event");
          return;
        }
        if (!"traffic".equals(event)) {
          problems.add(where + ": the first event is of type '" + event + "', the document says 'traffic'");
        }
        for (String p : check.problems(Json.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + schema),
            Json.MAPPER.readTree(data))) {
          problems.add(where + ", event data: " + p);
        }
      }
    }

    /** What the engine accepted, the document must accept too: the media type and, for JSON, the schema. */
    private void checkAcceptedRequest(OpenApiDocs.Operation op, Exchange exchange, String contentType, byte[] body)
        throws IOException {
      String where = exchange.operation() + " at " + exchange.target() + " (" + exchange.status() + ")";
      JsonNode content = OpenApiDocs.resolve(doc, op.node().path("requestBody")).path("content");
      JsonNode media = content.path(contentType);
      if (media.isMissingNode()) {
        media = content.path("*/*");
      }
      if (media.isMissingNode()) {
        problems.add(where + ": the engine accepted a " + contentType + " body, but the document lists only "
            + OpenApiDocs.fieldNames(content));
        return;
      }
      if (contentType.endsWith("json") && media.has("schema")) {
        for (String p : new SchemaCheck(doc, false).problems(media.get("schema"), Json.MAPPER.readTree(body))) {
          problems.add(where + ": the engine accepted a request body that the document's schema refuses: " + p);
        }
      }
    }

    private void checkResponse(OpenApiDocs.Operation op, Exchange exchange) throws IOException {
      String where = exchange.operation() + " at " + exchange.target() + " (" + exchange.status() + ")";
      String status = Integer.toString(exchange.status());
      JsonNode responses = op.node().path("responses");
      if (!responses.has(status)) {
        problems.add(where + ": the engine answered " + status + ", which " + op.where() + ".responses in "
            + CONTROL_FILE + " does not document (documented: " + OpenApiDocs.fieldNames(responses) + ")");
        return;
      }
      JsonNode documented = OpenApiDocs.resolve(doc, responses.get(status));
      String contentType = exchange.response().headers().firstValue("Content-Type").orElse(null);
      checkHeaders(op, where, status, exchange.response());
      JsonNode content = documented.path("content");
      if (content.isMissingNode() || content.isEmpty()) {
        if (exchange.body().length > 0) {
          problems.add(where + ": the answer has a body, but the document describes none");
        }
        return;
      }
      String media = checkMediaType(op, where, status, contentType);
      if (media == null) {
        return;
      }
      if (media.endsWith("json")) {
        JsonNode body = Json.MAPPER.readTree(exchange.body());
        for (String p : check.problems(content.path(media).path("schema"), body)) {
          problems.add(where + ": " + p);
        }
      }
      if (exchange.status() >= 400 && !"application/problem+json".equals(media)) {
        problems.add(where + ": errors are application/problem+json, got " + contentType);
      }
    }

    /** The documented media type the answer has, or null (and a problem) when it has none of them. */
    private String checkMediaType(OpenApiDocs.Operation op, String where, String status, String contentType) {
      JsonNode content = OpenApiDocs.resolve(doc, op.node().path("responses").path(status)).path("content");
      String actual = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!content.has(actual)) {
        problems.add(where + ": the answer is " + (contentType == null ? "without Content-Type" : contentType)
            + ", but the document says " + OpenApiDocs.fieldNames(content));
        return null;
      }
      return actual;
    }

    private void checkHeaders(OpenApiDocs.Operation op, String where, String status, HttpResponse<?> response) {
      if (response.headers().firstValue("X-Request-Id").isEmpty()) {
        problems.add(where + ": no X-Request-Id");
      }
      JsonNode headers = OpenApiDocs.resolve(doc, op.node().path("responses").path(status)).path("headers");
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        JsonNode h = OpenApiDocs.resolve(doc, header.getValue());
        boolean expected = h.path("required").asBoolean(false) || header.getKey().equals("Location")
            || header.getKey().equals("Content-Disposition");
        String name = header.getKey();
        var value = response.headers().firstValue(name);
        if (expected && value.isEmpty()) {
          problems.add(where + ": the document promises the header " + name + ", the answer has none");
        }
        JsonNode allowed = h.path("schema").path("enum");
        if (value.isPresent() && allowed.isArray() && !allowed.isEmpty()) {
          boolean ok = false;
          for (JsonNode a : allowed) {
            ok |= a.asText().equals(value.get());
          }
          if (!ok) {
            problems.add(where + ": header " + name + " is '" + value.get() + "', the document says one of " + allowed);
          }
        }
      }
    }
  }

  private interface RouteCheck {
    void check(Route route, OpenApiDocs.Operation op);
  }

  private static void forEachDocumentedRoute(RouteCheck check) {
    routes.forEach(
        (key, route) -> {
          OpenApiDocs.Operation op = operations.get(key);
          if (op != null) {
            check.check(route, op);
          }
        });
  }

  private static boolean onlyEmptyObjects(JsonNode array) {
    for (JsonNode n : array) {
      if (!(n.isObject() && n.isEmpty())) {
        return false;
      }
    }
    return true;
  }

  /** Pointers to every media type object (with a schema) under requestBody or responses content. */
  private static void collectMediaTypes(JsonNode node, String pointer, List<String[]> out) {
    if (!node.isObject()) {
      return;
    }
    if (pointer.endsWith("/content")) {
      node.fields().forEachRemaining(e -> {
        if (e.getValue().has("schema")) {
          out.add(new String[] {pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getKey()});
        }
      });
    }
    node.fields().forEachRemaining(
        e -> collectMediaTypes(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
  }

  private record Plain(int status, byte[] body) {}

  private static Plain get(String path) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(HttpRequest.newBuilder(URI.create(engine.apiUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Plain(r.statusCode(), r.body());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
