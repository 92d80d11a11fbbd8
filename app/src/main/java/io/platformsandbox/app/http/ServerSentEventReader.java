package io.platformsandbox.app.http;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads the text/event-stream format (WHATWG HTML §9.2) off a response body: {@code id},
 * {@code event} and {@code data} fields, data spread over several lines, comment lines (the
 * server's heartbeats). Blocking; one reader per body.
 */
final class ServerSentEventReader {
  /** One dispatched event; {@code id} is the last id the stream set, {@code type} "message" unless named. */
  record Event(String id, String type, String data) {}

  private final BufferedSource source;
  private String lastId;

  ServerSentEventReader(BufferedSource source) {
    this.source = source;
  }

  /** The next event, or null when the stream ends; blocks until a whole event has arrived. */
  Event next() throws IOException {
    String type = null;
    StringBuilder data = null;
    for (String line; (line = source.readUtf8Line()) != null; ) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(lastId, type == null ? "message" : type, data.toString());
        }
        type = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        case "event" -> type = value;
        case "id" -> lastId = value.contains("\0") ? lastId : value;
        default -> {
          // "retry" and unknown fields: nothing the workbench uses
        }
      }
    }
    return null;
  }
}
