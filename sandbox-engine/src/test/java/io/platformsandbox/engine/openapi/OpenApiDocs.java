package io.platformsandbox.engine.openapi;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading the OpenAPI document in tests: strict parsing, operations, {@code $ref} resolution. */
final class OpenApiDocs {
  /** The file developers edit, for failure messages. */
  static final String FILE =
      "sandbox-engine/src/main/resources" + OpenApiRoutes.RESOURCE;

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

  /** Parses the YAML resource strictly: duplicate keys are an error, not a silent overwrite. */
  static JsonNode readStrict() {
    YAMLMapper strict =
        YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OpenApiRoutes.RESOURCE);
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
}
