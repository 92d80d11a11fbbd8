package io.platformsandbox.engine.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and writes collection definitions as API bodies, checking every rule with a field error. */
final class CollectionSchemas {
  static final Pattern COLLECTION_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  static final Set<String> RESERVED = Set.of("id", "version", "created_at", "updated_at");
  private static final Set<String> TOP_LEVEL = Set.of("name", "fields", "subject_field", "retention_days");
  private static final Set<String> FIELD_KEYS = Set.of("name", "type", "required", "classification", "indexed");
  private static final int MAX_FIELDS = 200;

  private CollectionSchemas() {}

  /** Parses a {@code POST /v1/collections} body; 422 with every problem found. */
  static CollectionDef parse(String tenant, ObjectNode body, String table, Instant now) {
    Map<String, String> errors = new LinkedHashMap<>();
    unknownKeys(body, TOP_LEVEL, "", errors);
    String name = text(body, "name");
    if (name == null) {
      errors.put("name", "is required");
    } else if (!COLLECTION_NAME.matcher(name).matches()) {
      errors.put("name", "must be 1-63 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'");
    }
    List<FieldDef> fields = new ArrayList<>();
    JsonNode fieldsNode = body.get("fields");
    if (fieldsNode == null || fieldsNode.isNull()) {
      errors.put("fields", "is required: a list of {name, type, required, classification, indexed}");
    } else if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
      errors.put("fields", "must be a non-empty list");
    } else if (fieldsNode.size() > MAX_FIELDS) {
      errors.put("fields", "may have at most " + MAX_FIELDS + " entries");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < fieldsNode.size(); i++) {
        FieldDef f = field(fieldsNode.get(i), "fields[" + i + "]", errors);
        if (f != null && !seen.add(f.name())) {
          errors.put("fields[" + i + "].name", "duplicates the field '" + f.name() + "'");
        } else if (f != null) {
          fields.add(f);
        }
      }
    }
    String subject = null;
    JsonNode subjectNode = body.get("subject_field");
    if (subjectNode != null && !subjectNode.isNull()) {
      if (!subjectNode.isTextual()) {
        errors.put("subject_field", "must be the name of a string field");
      } else {
        subject = subjectNode.asText();
        final String s = subject;
        FieldDef f = fields.stream().filter(x -> x.name().equals(s)).findFirst().orElse(null);
        if (f == null && !errors.containsKey("fields")) {
          errors.put("subject_field", "names no field of this collection: '" + s + "'");
        } else if (f != null && f.type() != FieldType.STRING) {
          errors.put("subject_field", "must name a string field; '" + s + "' is " + f.type().wireName());
        }
      }
    }
    Integer retention = null;
    JsonNode retentionNode = body.get("retention_days");
    if (retentionNode != null && !retentionNode.isNull()) {
      if (!retentionNode.isIntegralNumber() || retentionNode.asLong() < 1 || retentionNode.asLong() > 36_500) {
        errors.put("retention_days", "must be a whole number of days from 1 to 36500");
      } else {
        retention = retentionNode.asInt();
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The collection definition is not valid.", errors);
    }
    return new CollectionDef(tenant, name, fields, subject, retention, table, now);
  }

  private static FieldDef field(JsonNode node, String at, Map<String, String> errors) {
    if (!node.isObject()) {
      errors.put(at, "must be an object {name, type, required, classification, indexed}");
      return null;
    }
    int before = errors.size();
    unknownKeys((ObjectNode) node, FIELD_KEYS, at + ".", errors);
    String name = text(node, "name");
    if (name == null) {
      errors.put(at + ".name", "is required");
    } else if (!FIELD_NAME.matcher(name).matches()) {
      errors.put(at + ".name", "must be 1-63 characters: a lowercase letter, then lowercase letters, digits or '_'");
    } else if (RESERVED.contains(name)) {
      errors.put(at + ".name", "'" + name + "' is reserved: every record has it already");
    }
    String typeName = text(node, "type");
    FieldType type = typeName == null ? null : FieldType.fromWire(typeName).orElse(null);
    if (type == null) {
      errors.put(at + ".type", "must be one of string, integer, number, boolean, datetime, json");
    }
    boolean required = bool(node, "required", at, errors);
    boolean indexed = bool(node, "indexed", at, errors);
    String classificationName = text(node, "classification");
    Classification classification =
        classificationName == null ? Classification.NONE : Classification.fromWire(classificationName).orElse(null);
    if (classification == null || (node.has("classification") && !node.get("classification").isTextual())) {
      errors.put(at + ".classification", "must be one of none, pii, phi");
    }
    if (indexed && type == FieldType.JSON) {
      errors.put(at + ".indexed", "json fields cannot be indexed");
    }
    if (errors.size() > before) {
      return null;
    }
    return new FieldDef(name, type, required, classification, indexed);
  }

  private static boolean bool(JsonNode node, String key, String at, Map<String, String> errors) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      errors.put(at + "." + key, "must be true or false");
      return false;
    }
    return v.asBoolean();
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static void unknownKeys(ObjectNode node, Set<String> known, String prefix, Map<String, String> errors) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        errors.put(prefix + key, "is not a known property; expected one of " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  static ObjectNode toJson(CollectionDef def) {
    ObjectNode node = Json.object();
    node.put("name", def.name());
    var fields = node.putArray("fields");
    for (FieldDef f : def.fields()) {
      ObjectNode fn = fields.addObject();
      fn.put("name", f.name());
      fn.put("type", f.type().wireName());
      fn.put("required", f.required());
      fn.put("classification", f.classification().wireName());
      fn.put("indexed", f.indexed());
    }
    if (def.subjectField() == null) {
      node.putNull("subject_field");
    } else {
      node.put("subject_field", def.subjectField());
    }
    if (def.retentionDays() == null) {
      node.putNull("retention_days");
    } else {
      node.put("retention_days", def.retentionDays());
    }
    node.put("created_at", def.createdAt().toString());
    return node;
  }

  /** The stored form: the API body without the timestamp, which has its own column. */
  static CollectionDef fromStored(String tenant, String table, String json, Instant createdAt) {
    ObjectNode body = (ObjectNode) Json.parseTrusted(json);
    body.remove("created_at");
    return parse(tenant, body, table, createdAt);
  }
}
