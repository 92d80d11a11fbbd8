package io.platformsandbox.engine.openapi;

import static io.platformsandbox.engine.openapi.OpenApiDocs.FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document on its own: it parses (strictly) as YAML and as JSON, has the shape of an
 * OpenAPI 3.1 document, and every {@code $ref} in it resolves within it.
 */
class OpenApiDocumentTest {

  @Test
  void isValidYamlWithoutDuplicateKeysAndRoundTripsAsJson() throws Exception {
    assertThatCode(OpenApiDocs::readStrict)
        .as("%s must be valid YAML without duplicate keys", FILE)
        .doesNotThrowAnyException();
    JsonNode strict = OpenApiDocs.readStrict();
    assertThat(strict.isObject()).as("%s must be a YAML mapping at the top", FILE).isTrue();
    assertThat(OpenApiRoutes.document())
        .as("what OpenApiRoutes serves must be what the file says")
        .isEqualTo(strict);
    JsonNode roundTrip = Json.MAPPER.readTree(Json.string(strict));
    assertThat(roundTrip).as("the document must survive a JSON round trip unchanged").isEqualTo(strict);
  }

  @Test
  void hasTheShapeOfAnOpenApi31Document() {
    JsonNode doc = OpenApiRoutes.document();
    assertThat(doc.path("openapi").asText()).as("'openapi' in %s", FILE).startsWith("3.1");
    assertThat(doc.path("info").path("title").asText()).as("info.title in %s", FILE).isNotBlank();
    assertThat(doc.path("info").path("version").isTextual())
        .as("info.version in %s must be a string (quote it: \"1\")", FILE)
        .isTrue();
    assertThat(doc.path("servers").findValuesAsText("url"))
        .as("servers in %s must include the sandbox's default address", FILE)
        .contains("http://127.0.0.1:8787");
    assertThat(doc.path("paths").isObject() && !doc.path("paths").isEmpty())
        .as("paths in %s", FILE)
        .isTrue();
    doc.path("paths")
        .fieldNames()
        .forEachRemaining(
            path ->
                assertThat(path)
                    .as("path keys in %s start with '/' and use {name} templates (no '+')", FILE)
                    .startsWith("/")
                    .doesNotContain("+}"));
  }

  @Test
  void everyOperationHasAUniqueIdSecurityAndASuccessResponse() {
    JsonNode doc = OpenApiRoutes.document();
    JsonNode schemes = doc.at("/components/securitySchemes");
    JsonNode oauthScopes = schemes.at("/oauth2/flows/clientCredentials/scopes");
    Map<String, String> seenIds = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (OpenApiDocs.Operation op : OpenApiDocs.operations(doc).values()) {
      String id = op.operationId();
      if (id == null || id.isBlank()) {
        problems.add(op.where() + " has no operationId: set it to the route's action.");
      } else if (seenIds.put(id, op.key()) != null) {
        problems.add(op.where() + " reuses operationId '" + id + "' of " + seenIds.get(id) + ".");
      }
      if (!op.node().has("security")) {
        problems.add(op.where() + " has no 'security': name the route's scope, or write security: [] for public routes.");
      }
      for (JsonNode requirement : op.node().path("security")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = requirement.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          if (!schemes.has(entry.getKey())) {
            problems.add(op.where() + " uses the security scheme '" + entry.getKey() + "', which components.securitySchemes lacks.");
          }
          if (entry.getKey().equals("oauth2")) {
            for (JsonNode scope : entry.getValue()) {
              if (!oauthScopes.has(scope.asText())) {
                problems.add(op.where() + " needs the OAuth scope '" + scope.asText() + "', which the oauth2 flow does not list.");
              }
            }
          }
        }
      }
      boolean success = false;
      for (Iterator<String> it = op.node().path("responses").fieldNames(); it.hasNext(); ) {
        String status = it.next();
        success |= status.startsWith("2");
      }
      if (!success) {
        problems.add(op.where() + " documents no 2xx response.");
      }
    }
    assertThat(problems)
        .withFailMessage(() -> "Fix in " + FILE + ":\n  - " + String.join("\n  - ", problems))
        .isEmpty();
  }

  @Test
  void everyRefResolvesWithinTheDocument() {
    JsonNode doc = OpenApiRoutes.document();
    int[] count = {0};
    OpenApiDocs.walkRefs(doc, "", (where, ref) -> count[0]++);
    List<String> dangling = OpenApiDocs.danglingRefs(doc, FILE);
    assertThat(count[0]).as("the document should reuse components through $ref").isPositive();
    assertThat(dangling)
        .withFailMessage(() -> dangling.size() + " dangling $ref(s) in " + FILE + ":\n  - " + String.join("\n  - ", dangling))
        .isEmpty();
  }
}
