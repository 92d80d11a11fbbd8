package io.platformsandbox.app.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The workbench's one JSON mapper and its pretty printer. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Pretty JSON when the text is JSON; the text as it is otherwise. */
  public static String pretty(String text) {
    if (text == null || text.isBlank()) {
      return text == null ? "" : text;
    }
    String t = text.trim();
    if (!(t.startsWith("{") || t.startsWith("["))) {
      return text;
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(t));
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}
