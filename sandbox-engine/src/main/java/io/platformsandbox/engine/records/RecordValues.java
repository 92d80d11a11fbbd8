package io.platformsandbox.engine.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.json.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a record body against its collection's schema and converts it to column values. */
final class RecordValues {
  private RecordValues() {}

  /** Every field of the schema, missing ones as null; 422 listing every bad field. */
  static Map<FieldDef, Object> forCreate(CollectionDef def, ObjectNode body) {
    Map<String, String> errors = new LinkedHashMap<>();
    unknown(def, body, errors);
    Map<FieldDef, Object> values = new LinkedHashMap<>();
    for (FieldDef f : def.fields()) {
      JsonNode v = body.get(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) {
          errors.put(f.name(), "is required");
        }
        values.put(f, null);
      } else {
        values.put(f, convert(f, v, errors));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(def, errors);
    }
    return values;
  }

  /** Only the fields present in the body; {@code null} clears a field that is not required. */
  static Map<FieldDef, Object> forPatch(CollectionDef def, ObjectNode body) {
    Map<String, String> errors = new LinkedHashMap<>();
    unknown(def, body, errors);
    Map<FieldDef, Object> values = new LinkedHashMap<>();
    for (FieldDef f : def.fields()) {
      if (!body.has(f.name())) {
        continue;
      }
      JsonNode v = body.get(f.name());
      if (v.isNull()) {
        if (f.required()) {
          errors.put(f.name(), "is required and cannot be cleared");
        }
        values.put(f, null);
      } else {
        values.put(f, convert(f, v, errors));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(def, errors);
    }
    return values;
  }

  private static void unknown(CollectionDef def, ObjectNode body, Map<String, String> errors) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (CollectionSchemas.RESERVED.contains(name)) {
        errors.put(name, "is set by the platform and cannot be written");
      } else if (def.field(name).isEmpty()) {
        errors.put(name, "is not a field of collection '" + def.name() + "'");
      }
    }
  }

  private static Object convert(FieldDef f, JsonNode v, Map<String, String> errors) {
    switch (f.type()) {
      case STRING -> {
        if (v.isTextual()) {
          return v.asText();
        }
      }
      case INTEGER -> {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          return v.asLong();
        }
        if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0 && v.canConvertToLong()) {
          return v.asLong();
        }
      }
      case NUMBER -> {
        if (v.isNumber() && Double.isFinite(v.asDouble())) {
          return v.asDouble();
        }
      }
      case BOOLEAN -> {
        if (v.isBoolean()) {
          return v.asBoolean();
        }
      }
      case DATETIME -> {
        if (v.isTextual()) {
          try {
            return OffsetDateTime.parse(v.asText()).withOffsetSameInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException e) {
            errors.put(f.name(), "must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z");
            return null;
          }
        }
      }
      case JSON -> {
        return Json.string(v);
      }
    }
    errors.put(f.name(), "must be " + article(f.type()) + ", not " + describe(v));
    return null;
  }

  private static String article(FieldType type) {
    return switch (type) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATETIME -> "an ISO-8601 date-time string";
      case JSON -> "JSON";
    };
  }

  private static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isIntegralNumber()) {
      return "an integer";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "a list";
    }
    return "an object";
  }

  private static ApiException invalid(CollectionDef def, Map<String, String> errors) {
    return ApiException.invalid(
        "The record does not match the schema of collection '" + def.name() + "'.", errors);
  }
}
