package io.platformsandbox.engine.openapi;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;

/**
 * Reading the OpenAPI documents in tests (Platform API v1 and the control API): strict parsing,
 * operations, {@code $ref} resolution, and comparing operations with routes.
 */
final class OpenApiDocs {
  /** The Platform API file developers edit, for failure messages. */
  static final String FILE = file(OpenApiRoutes.RESOURCE);

  /** The control API file developers edit, for failure messages. */
  static final String CONTROL_FILE = file(OpenApiRoutes.CONTROL_RESOURCE);

  /** A path parameter of a route template: {@code {name}} or {@code {name+}}. */
  static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+?)\\+?}");

  /** The operation keys of an OpenAPI 3.1 Path Item. */
  static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private OpenApiDocs() {}

  /** One operation of the document. */
  record Operation(String method, String path, JsonNode pathItem, JsonNode node) {
    String key() {
      return method + " " + path;
    }

    String operationId() {
      return node.path("operationId").asText(null);
    }

    /** Pointer-ish location for messages, e.g. {@code paths./v1/files.get}. */
    String where() {
      return "paths['" + path + "']." + method.toLowerCase(Locale.ROOT);
    }
  }

  /** The repository path of a classpath resource of the engine. */
  static String file(String resource) {
    return "sandbox-engine/src/main/resources" + resource;
  }

  /** Parses the Platform API YAML resource strictly. */
  static JsonNode readStrict() {
    return readStrict(OpenApiRoutes.RESOURCE);
  }

  /** Parses a YAML resource strictly: duplicate keys are an error, not a silent overwrite. */
  static JsonNode readStrict(String resource) {
    YAMLMapper strict =
        YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return strict.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operation, keyed by {@code "GET /v1/collections"} (method upper-case). */
  static Map<String, Operation> operations(JsonNode doc) {
    Map<String, Operation> out = new LinkedHashMap<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              JsonNode item = resolve(doc, path.getValue());
              for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op != null) {
                  Operation o =
                      new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), item, op);
                  out.put(o.key(), o);
                }
              }
            });
    return out;
  }

  /** Follows {@code $ref} chains within the document; returns a missing node when one dangles. */
  static JsonNode resolve(JsonNode doc, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < 20 && current != null && current.has("$ref"); hops++) {
      current = target(doc, current.get("$ref").asText());
    }
    return current == null ? MissingNode.getInstance() : current;
  }

  /** The node a local reference such as {@code #/components/schemas/Problem} points at. */
  static JsonNode target(JsonNode doc, String ref) {
    if (!ref.startsWith("#")) {
      return MissingNode.getInstance();
    }
    String fragment = URI.create(ref).getFragment();
    if (fragment == null || fragment.isEmpty()) {
      return doc;
    }
    if (!fragment.startsWith("/")) {
      return MissingNode.getInstance();
    }
    return doc.at(fragment);
  }

  /** The parameters that apply to an operation: the path item's, overridden by the operation's. */
  static List<JsonNode> parameters(JsonNode doc, Operation op) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode source : List.of(op.pathItem().path("parameters"), op.node().path("parameters"))) {
      for (JsonNode p : source) {
        JsonNode resolved = resolve(doc, p);
        String in = resolved.path("in").asText();
        String name = resolved.path("name").asText();
        String key = in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name);
        byKey.put(key, resolved);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  // ---- routes against operations -------------------------------------------------------------

  /** The key a route has among {@link #operations}: {@code "GET /v1/files/{path}"}. */
  static String key(Route route) {
    return route.method().name() + " " + openApiPath(route.path());
  }

  /** The route template as OpenAPI writes it: {@code {path+}} becomes {@code {path}}. */
  static String openApiPath(String routePath) {
    return routePath.replaceAll("\\{([^}/]+)\\+}", "{$1}");
  }

  /** The names of a route template's path parameters. */
  static Set<String> pathParams(String routePath) {
    Set<String> names = new TreeSet<>();
    Matcher m = TEMPLATE_PARAM.matcher(routePath);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The media type a request body of this kind is documented with; {@code null} for none. */
  static String mediaType(Body body) {
    return switch (body) {
      case JSON -> "application/json";
      case FORM -> "application/x-www-form-urlencoded";
      case RAW -> "*/*";
      case ARCHIVE -> "application/zip";
      case NONE -> null;
    };
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Whether two JSON trees are equal, numbers compared by value: {@code 1.0} read from YAML (a
   * double) equals {@code 1.0} read back by the engine's JSON mapper (a big decimal).
   */
  static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals(
        (x, y) -> {
          if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1;
          }
          return x.equals(y) ? 0 : 1;
        },
        b);
  }

  /** Fails with every problem listed, one a line. */
  static void assertNoProblems(List<String> problems) {
    Supplier<String> message =
        () -> problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems);
    Assertions.assertThat(problems).withFailMessage(message).isEmpty();
  }

  // ---- $ref walking ----------------------------------------------------------------------------

  interface RefVisitor {
    void visit(String where, String ref);
  }

  /** Visits every {@code $ref} string, with a JSON pointer to the object holding it. */
  static void walkRefs(JsonNode node, String pointer, RefVisitor visitor) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        visitor.visit(pointer.isEmpty() ? "/" : pointer, ref.asText());
      }
      node.fields()
          .forEachRemaining(
              e -> walkRefs(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), visitor));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walkRefs(node.get(i), pointer + "/" + i, visitor);
      }
    }
  }

  /** Every {@code $ref} of the document that does not resolve within it, with where it is. */
  static List<String> danglingRefs(JsonNode doc, String file) {
    List<String> dangling = new ArrayList<>();
    walkRefs(doc, "", (where, ref) -> {
      if (!ref.startsWith("#/")) {
        dangling.add(where + ": $ref '" + ref + "' points outside the document; keep every definition in " + file);
      } else if (target(doc, ref).isMissingNode()) {
        dangling.add(where + ": $ref '" + ref + "' resolves to nothing; add that component or fix the name");
      }
    });
    return dangling;
  }
}
