package io.platformsandbox.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.platformsandbox.engine.api.Access;
import io.platformsandbox.engine.api.HttpMethod;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks the whole route table, so a route added later is covered without anyone remembering to:
 * every app route needs a token, needs its scope, and never shows or changes another tenant's data.
 */
class RouteTableSecurityTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();

  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)\\+?}");
  private final String marker = "MARKER-" + UUID.randomUUID();
  private SandboxClient client;
  private String tokenA;
  private String recordA;
  private String webhookA;
  private String deliveryA;

  /** Tenant A owns a collection with a record and a file, all carrying a secret marker. */
  @BeforeEach
  void seedTenantA() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "tenant-a", "rate_limit", Map.of("per_second", 0)));
    client.post("/_sandbox/tenants", null, Map.of("id", "tenant-b", "rate_limit", Map.of("per_second", 0)));
    tokenA = client.token(client.createApp("tenant-a", "owner", AllScopes.WIRE));
    Response c =
        client.post(
            "/v1/collections",
            tokenA,
            Map.of("name", "things", "fields", List.of(Map.of("name", "title", "type", "string"))));
    assertThat(c.status()).as(c.toString()).isEqualTo(201);
    Response hook =
        client.post("/v1/webhooks", tokenA, Map.of("url", "http://127.0.0.1:9/unreachable", "events", List.of("*")));
    assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
    webhookA = hook.json().get("id").asText();
    assertThat(client.post("/v1/topics", tokenA, Map.of("name", "a-topic")).status()).isEqualTo(201);
    assertThat(client.post("/v1/topics/a-topic/events", tokenA, Map.of("type", "secret.thing", "data", Map.of("m", marker))).status())
        .isEqualTo(202);
    Response r = client.post("/v1/collections/things/records", tokenA, Map.of("title", marker));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    recordA = r.json().get("id").asText();
    deliveryA = client.get("/v1/webhooks/" + webhookA + "/deliveries", tokenA).json().get("data").get(0).get("id").asText();
    Response f =
        client.send("PUT", "/v1/files/docs/a.txt", tokenA, "text/plain", marker.getBytes(StandardCharsets.UTF_8));
    assertThat(f.status()).as(f.toString()).isEqualTo(201);
  }

  @Test
  void everyAppRouteRefusesCallsWithoutATokenWith401() {
    for (Route route : appRoutes()) {
      Response r = call(route, null);
      assertThat(r.status()).as(describe(route) + " without a token: " + r).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).as(describe(route)).startsWith("Bearer");
      assertThat(r.header("X-Request-Id")).as(describe(route)).isNotBlank();
      assertThat(r.header("Content-Type")).as(describe(route)).startsWith("application/problem+json");
    }
  }

  @Test
  void everyAppRouteRefusesATokenLackingItsScopeWith403NamingTheScope() {
    for (Route route : appRoutes().stream().filter(r -> r.scope() != null).toList()) { // null: any valid token
      String token = client.token(client.createApp("tenant-a", "lacks-" + route.scope().wire(), AllScopes.except(route.scope())));
      Response r = call(route, token);
      assertThat(r.status()).as(describe(route) + " without " + route.scope() + ": " + r).isEqualTo(403);
      if (route.method() == HttpMethod.HEAD) {
        continue; // no body to read
      }
      assertThat(r.json().get("detail").asText()).as(describe(route)).contains(route.scope().wire());
      assertThat(r.json().get("required_scope").asText()).isEqualTo(route.scope().wire());
    }
  }

  @Test
  void noAppRouteLetsAnotherTenantReadListChangeOrDeleteTenantAData() {
    String tokenB = client.token(client.createApp("tenant-b", "intruder", AllScopes.WIRE));
    List<Route> routes =
        appRoutes().stream()
            // B's own writes into its own namespace come last, after every read of A's paths.
            .sorted(Comparator.comparing((Route r) -> r.method() == HttpMethod.PUT))
            .toList();
    for (Route route : routes) {
      Response r = call(route, tokenB);
      assertThat(r.text()).as(describe(route) + " as tenant B leaked tenant A's data").doesNotContain(marker);
      boolean namesAResource = PARAM.matcher(route.path()).find();
      boolean ownNamespaceWrite = route.method() == HttpMethod.PUT && route.path().startsWith("/v1/files/");
      if (namesAResource && !ownNamespaceWrite) {
        assertThat(r.status()).as(describe(route) + " as tenant B must look missing: " + r).isEqualTo(404);
      }
    }
    assertTenantAUnchanged();
  }

  private void assertTenantAUnchanged() {
    Response record = client.get("/v1/collections/things/records/" + recordA, tokenA);
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.json().get("title").asText()).isEqualTo(marker);
    assertThat(record.json().get("version").asLong()).isEqualTo(1);
    Response file = client.get("/v1/files/docs/a.txt", tokenA);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.text()).isEqualTo(marker);
    assertThat(client.get("/v1/collections", tokenA).json().get("data")).hasSize(1);
    assertThat(client.get("/v1/topics/a-topic/events", tokenA).json().get("data")).hasSize(1);
    assertThat(client.get("/v1/webhooks/" + webhookA, tokenA).status()).isEqualTo(200);
  }

  private List<Route> appRoutes() {
    List<Route> routes = engine.engine().routes().stream().filter(r -> r.access() == Access.APP).toList();
    assertThat(routes).as("the route table has app routes").isNotEmpty();
    return routes;
  }

  /** Calls a route with tenant A's resources in its path parameters and a plausible body. */
  private Response call(Route route, String token) {
    Matcher m = PARAM.matcher(route.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "collection" -> "things";
            case "id" -> recordA;
            case "path" -> "docs/a.txt";
            case "topic" -> "a-topic";
            case "webhook" -> webhookA;
            case "delivery" -> deliveryA;
            default -> fail(
                "RouteTableSecurityTest has no sample value for path parameter {" + m.group(1) + "} of "
                    + describe(route) + ": add one naming a resource of tenant A");
          };
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    return switch (route.body()) {
      case JSON -> client.send(route.method().name(), path.toString(), token, "application/json",
          ("{\"title\":\"from-b\",\"name\":\"b-" + UUID.randomUUID().toString().substring(0, 8)
              + "\",\"fields\":[{\"name\":\"x\",\"type\":\"string\"}]}").getBytes(StandardCharsets.UTF_8));
      case RAW, ARCHIVE -> client.send(route.method().name(), path.toString(), token, "text/plain", "from-b".getBytes(StandardCharsets.UTF_8));
      case FORM -> client.send(route.method().name(), path.toString(), token, "application/x-www-form-urlencoded", new byte[0]);
      case NONE -> client.send(route.method().name(), path.toString(), token, null, null);
    };
  }

  private static String describe(Route route) {
    return route.method() + " " + route.path();
  }
}
