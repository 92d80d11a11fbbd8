package io.platformsandbox.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * One stored event: the DESIGN §3 envelope plus its place in its topic.
 *
 * @param sensitive names of fields of {@code data.record} that are PII or PHI, masked for readers
 *     without {@code pii:read}
 */
public record Event(
    String tenant,
    String topic,
    long offset,
    String id,
    String type,
    Instant occurredAt,
    String subject,
    JsonNode data,
    List<String> sensitive) {

  /** In {@code sensitive}: the subject is itself PII (the collection's subject field is classified). */
  public static final String SUBJECT = "$subject";

  public Event {
    sensitive = List.copyOf(sensitive);
  }

  /** The envelope as a reader with or without {@code pii:read} may see it. */
  public ObjectNode envelope(boolean canReadPii) {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("type", type);
    n.put("tenant", tenant);
    n.put("occurred_at", occurredAt.toString());
    if (subject == null) {
      n.putNull("subject");
    } else if (!canReadPii && sensitive.contains(SUBJECT)) {
      n.put("subject", "***");
    } else {
      n.put("subject", subject);
    }
    JsonNode shown = data;
    if (!canReadPii && !sensitive.isEmpty() && data.path("record").isObject()) {
      ObjectNode copy = data.deepCopy();
      ObjectNode record = (ObjectNode) copy.get("record");
      for (String field : sensitive) {
        JsonNode v = record.get(field);
        if (v != null && !v.isNull()) {
          record.put(field, "***");
        }
      }
      shown = copy;
    }
    n.set("data", shown);
    return n;
  }

  /** The envelope with its topic and offset, as consumers read it. */
  public ObjectNode consumed(boolean canReadPii) {
    ObjectNode n = envelope(canReadPii);
    n.put("topic", topic);
    n.put("offset", offset);
    return n;
  }
}
