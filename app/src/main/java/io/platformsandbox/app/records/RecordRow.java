package io.platformsandbox.app.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One record in the grid, as the API returned it. Immutable: an edit replaces the row. */
public record RecordRow(ObjectNode body) {
  public String id() {
    return body.path("id").asText();
  }

  public long version() {
    return body.path("version").asLong();
  }

  public JsonNode value(String field) {
    return body.get(field);
  }

  public String text(String field) {
    return ValueParser.display(body.get(field));
  }
}
