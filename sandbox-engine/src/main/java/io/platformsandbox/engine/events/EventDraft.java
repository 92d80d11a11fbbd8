package io.platformsandbox.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An event about to be appended: the log gives it an id, an offset and a time. */
public record EventDraft(String type, String subject, JsonNode data, List<String> sensitive) {
  public EventDraft {
    sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
  }

  public static EventDraft of(String type, String subject, JsonNode data) {
    return new EventDraft(type, subject, data, List.of());
  }
}
