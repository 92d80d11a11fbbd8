package io.platformsandbox.engine.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small checker of JSON values against the schemas of an OpenAPI 3.1 document: the keywords the
 * documents use ({@code $ref}, {@code allOf}, {@code oneOf}, {@code anyOf}, {@code type},
 * {@code enum}, {@code const}, {@code pattern}, lengths and bounds, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code items}). Enough to prove that what the
 * engine answers is what the document says; not a full JSON Schema validator.
 */
final class SchemaCheck {
  private final JsonNode doc;
  private final boolean strictMembers;

  /**
   * @param strictMembers also report object members that a schema with {@code properties} does not
   *     list unless it allows more ({@code additionalProperties}): for answers of the engine, whose
   *     every member must be documented
   */
  SchemaCheck(JsonNode doc, boolean strictMembers) {
    this.doc = doc;
    this.strictMembers = strictMembers;
  }

  /** Every way {@code value} breaks {@code schema}, each starting with where in the value. */
  List<String> problems(JsonNode schema, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "$", out, 0);
    return out;
  }

  private void check(JsonNode schemaOrRef, JsonNode value, String at, List<String> out, int depth) {
    if (depth > 50) {
      out.add(at + ": schema nesting too deep (a $ref cycle?)");
      return;
    }
    JsonNode schema = OpenApiDocs.resolve(doc, schemaOrRef);
    if (schema.isMissingNode()) {
      out.add(at + ": the schema " + schemaOrRef + " does not resolve");
      return;
    }
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) {
        out.add(at + ": no value is allowed here");
      }
      return;
    }
    for (JsonNode part : schema.path("allOf")) {
      check(part, value, at, out, depth + 1);
    }
    for (String alternatives : List.of("oneOf", "anyOf")) {
      JsonNode options = schema.get(alternatives);
      if (options != null) {
        List<String> all = new ArrayList<>();
        boolean any = false;
        for (JsonNode option : options) {
          List<String> these = new ArrayList<>();
          check(option, value, at, these, depth + 1);
          any |= these.isEmpty();
          all.addAll(these);
        }
        if (!any) {
          out.add(at + ": matches none of the " + alternatives + " alternatives: " + all);
        }
      }
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      boolean matches = false;
      if (type.isArray()) {
        for (JsonNode t : type) {
          matches |= hasType(value, t.asText());
        }
      } else {
        matches = hasType(value, type.asText());
      }
      if (!matches) {
        out.add(at + ": is " + describe(value) + ", but the document says type " + type);
        return;
      }
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null) {
      boolean found = false;
      for (JsonNode a : allowed) {
        found |= sameValue(a, value);
      }
      if (!found) {
        out.add(at + ": " + value + " is not one of " + allowed);
      }
    }
    if (schema.has("const") && !sameValue(schema.get("const"), value)) {
      out.add(at + ": " + value + " is not " + schema.get("const"));
    }
    if (value.isTextual()) {
      String text = value.asText();
      if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
        out.add(at + ": '" + text + "' does not match the pattern " + schema.get("pattern").asText());
      }
      int length = text.codePointCount(0, text.length());
      if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
        out.add(at + ": '" + text + "' is shorter than " + schema.get("minLength").asInt());
      }
      if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
        out.add(at + ": '" + text + "' is longer than " + schema.get("maxLength").asInt());
      }
    }
    if (value.isNumber()) {
      double n = value.asDouble();
      if (schema.has("minimum") && n < schema.get("minimum").asDouble()) {
        out.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && n > schema.get("maximum").asDouble()) {
        out.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
      }
      if (schema.has("exclusiveMinimum") && n <= schema.get("exclusiveMinimum").asDouble()) {
        out.add(at + ": " + value + " is not above " + schema.get("exclusiveMinimum"));
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          out.add(at + ": the required member '" + required.asText() + "' is missing");
        }
      }
      JsonNode properties = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String where = at + "." + member.getKey();
        if (properties != null && properties.has(member.getKey())) {
          check(properties.get(member.getKey()), member.getValue(), where, out, depth + 1);
        } else if (additional != null && additional.isObject()) {
          check(additional, member.getValue(), where, out, depth + 1);
        } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
          out.add(where + ": is not a member the document allows (additionalProperties: false)");
        } else if (additional == null && properties != null && strictMembers) {
          out.add(where + ": the engine answers with this member, but the document does not list it");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "[" + i + "]", out, depth + 1);
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "null" -> value.isNull();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> false;
    };
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "the string '" + value.asText() + "'";
    }
    if (value.isIntegralNumber()) {
      return "the integer " + value;
    }
    if (value.isNumber()) {
      return "the number " + value;
    }
    return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
