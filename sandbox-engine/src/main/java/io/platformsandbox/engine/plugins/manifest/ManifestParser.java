package io.platformsandbox.engine.plugins.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Reads {@code plugin.yaml} and checks it against {@code plugin.schema.json} (the file kept in the
 * repo's {@code schemas/} folder). Every error names the field, its line, and what would be valid.
 * Thread-safe.
 */
public final class ManifestParser {
  public static final String SCHEMA_RESOURCE = "plugin.schema.json";
  private static final YAMLMapper YAML =
      YAMLMapper.builder(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .build();
  private static final JsonNode SCHEMA_TREE = loadSchemaTree();
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(SCHEMA_TREE, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());

  private ManifestParser() {}

  /** The schema document, for editors and for {@code GET}ting it from tools. */
  public static JsonNode schema() {
    return SCHEMA_TREE.deepCopy();
  }

  /** Reads {@code dir/plugin.yaml}. */
  public static Manifest read(Path dir) throws ManifestException {
    Path file = dir.resolve(Manifest.FILE_NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw single("(file)", 0, "not found: " + file + " (a plugin is a folder with a plugin.yaml)");
    } catch (IOException e) {
      throw single("(file)", 0, "cannot read " + file + ": " + e.getMessage());
    }
    return parse(dir.toAbsolutePath().normalize(), bytes);
  }

  /** Parses manifest bytes as if they were {@code dir/plugin.yaml}. */
  public static Manifest parse(Path dir, byte[] yaml) throws ManifestException {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw single("(file)", line, "is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || tree.isMissingNode() || !tree.isObject()) {
      throw single("(file)", 1, "must be a YAML mapping with at least id, name, version, publisher, platform and runtime");
    }
    List<ValidationMessage> messages = new ArrayList<>(SCHEMA.validate(tree));
    if (!messages.isEmpty()) {
      Map<String, Integer> lines = lines(yaml);
      List<ManifestError> errors = new ArrayList<>();
      for (ValidationMessage m : messages) {
        errors.add(toError(m, lines));
      }
      errors.sort(Comparator.comparingInt(ManifestError::line).thenComparing(ManifestError::field));
      throw new ManifestException(errors);
    }
    return toManifest(dir, sha256(yaml), tree);
  }

  private static ManifestError toError(ValidationMessage m, Map<String, Integer> lines) {
    String pointer = m.getInstanceLocation().toString();
    List<String> segments = segments(pointer);
    String type = m.getType();
    if ("required".equals(type) || "dependentRequired".equals(type)) {
      List<String> missing = new ArrayList<>(segments);
      missing.add("dependentRequired".equals(type) ? String.valueOf(m.getArguments()[0]) : m.getProperty());
      return new ManifestError(dotted(missing), line(lines, pointer), "is missing; expected " + hint(missing));
    }
    if ("additionalProperties".equals(type)) {
      List<String> unknown = new ArrayList<>(segments);
      unknown.add(m.getProperty());
      String known = String.join(", ", knownFields(segments));
      return new ManifestError(
          dotted(unknown), line(lines, pointer + "/" + m.getProperty()), "is not a known field; valid fields here: " + known);
    }
    String detail = m.getMessage();
    int colon = detail.indexOf(": ");
    if (colon >= 0 && detail.substring(0, colon).indexOf(' ') < 0) {
      detail = detail.substring(colon + 2);
    }
    return new ManifestError(dotted(segments), line(lines, pointer), detail + "; expected " + hint(segments));
  }

  /** The schema's description of the field at {@code segments}: the "what would be valid" part. */
  private static String hint(List<String> segments) {
    JsonNode node = schemaAt(segments);
    String description = node.path("description").asText("");
    return description.isEmpty() ? "a value as in the plugin.yaml reference (DESIGN §5)" : description;
  }

  private static List<String> knownFields(List<String> segments) {
    List<String> names = new ArrayList<>();
    schemaAt(segments).path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode schemaAt(List<String> segments) {
    JsonNode node = SCHEMA_TREE;
    for (String segment : segments) {
      if (node.has("items") && segment.chars().allMatch(Character::isDigit)) {
        node = node.get("items");
      } else {
        node = node.path("properties").path(segment);
      }
    }
    return node;
  }

  private static int line(Map<String, Integer> lines, String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  private static List<String> segments(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty() || pointer.equals("/")) {
      return out;
    }
    for (String s : pointer.substring(1).split("/", -1)) {
      out.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static String dotted(List<String> segments) {
    StringBuilder b = new StringBuilder();
    for (String s : segments) {
      if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) {
        b.append('[').append(s).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(s);
      }
    }
    return b.length() == 0 ? "(file)" : b.toString();
  }

  /** JSON pointer → 1-based line where that value (or key) starts. */
  private static Map<String, Integer> lines(byte[] yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      if (p.nextToken() != null) {
        walk(p, "", lines);
      }
    } catch (IOException e) {
      // The tree parsed, so this does not happen; lines are a nicety, not a reason to fail.
    }
    return lines;
  }

  private static void walk(JsonParser p, String pointer, Map<String, Integer> lines) throws IOException {
    lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = pointer + "/" + p.currentName().replace("~", "~0").replace("/", "~1");
        lines.put(child, p.currentTokenLocation().getLineNr());
        p.nextToken();
        walk(p, child, lines);
      }
    } else if (p.currentToken() == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        walk(p, pointer + "/" + i++, lines);
      }
    }
  }

  private static Manifest toManifest(Path dir, String sha256, JsonNode n) {
    JsonNode rt = n.path("runtime");
    return new Manifest(
        dir,
        sha256,
        n.path("id").asText(),
        n.path("name").asText(),
        n.path("version").asText(),
        n.path("publisher").asText(),
        n.path("description").asText(""),
        n.path("platform").asText(),
        new Manifest.Runtime(
            strings(rt.path("build")),
            strings(rt.path("command")),
            rt.path("health").asText("/health"),
            rt.path("start_timeout_s").asInt(30)),
        strings(n.path("scopes")),
        strings(n.path("events")),
        text(n, "webhook"),
        StreamSupport.stream(n.path("actions").spliterator(), false)
            .map(a -> new Manifest.Action(a.path("id").asText(), a.path("title").asText(), a.path("path").asText()))
            .toList(),
        StreamSupport.stream(n.path("egress").spliterator(), false)
            .map(e -> new Manifest.Egress(e.path("host").asText(), e.path("purpose").asText(), strings(e.path("pii"))))
            .toList(),
        strings(n.path("package").path("include")),
        text(n, "fixtures"),
        text(n, "mocks"),
        text(n, "scenarios"));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ManifestException single(String field, int line, String message) {
    return new ManifestException(List.of(new ManifestError(field, line, message)));
  }

  private static JsonNode loadSchemaTree() {
    try (InputStream in = ManifestParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the build");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
