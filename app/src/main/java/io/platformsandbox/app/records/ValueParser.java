package io.platformsandbox.app.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.model.FieldInfo;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Turns what a user typed into a grid cell or form field into the JSON value of the field's type,
 * and back. Type mistakes a user can see without asking the API ("abc" for an integer) are
 * reported here, in the API's own words; everything else (required fields, date-time format) is
 * left to the API, whose answer the views show.
 */
public final class ValueParser {
  private ValueParser() {}

  /** @throws IllegalArgumentException with a message such as "must be an integer" */
  public static JsonNode parse(FieldInfo field, String text) {
    if (text == null || text.isEmpty()) {
      return NullNode.getInstance();
    }
    String t = text.strip();
    switch (field.type()) {
      case "integer":
        try {
          return LongNode.valueOf(Long.parseLong(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be an integer, not \"" + t + "\"");
        }
      case "number":
        try {
          return DecimalNode.valueOf(new BigDecimal(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a number, not \"" + t + "\"");
        }
      case "boolean":
        switch (t.toLowerCase(Locale.ROOT)) {
          case "true":
          case "yes":
            return BooleanNode.TRUE;
          case "false":
          case "no":
            return BooleanNode.FALSE;
          default:
            throw new IllegalArgumentException("must be true or false, not \"" + t + "\"");
        }
      case "json":
        try {
          return Json.parse(t);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("must be JSON: " + e.getOriginalMessage());
        }
      default:
        return TextNode.valueOf(text);
    }
  }

  /** How a value shows in a cell: strings bare, null empty, everything else as JSON. */
  public static String display(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isTextual()) {
      return value.asText();
    }
    return value.toString();
  }
}
