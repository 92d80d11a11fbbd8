package io.platformsandbox.engine.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the text/event-stream format (WHATWG HTML §9.2). */
public final class ServerSentEvents {
  private ServerSentEvents() {}

  /** One event; {@code data} may hold newlines (each line becomes a {@code data:} line). */
  public static void event(OutputStream out, String id, String event, String data) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (id != null) {
      sb.append("id: ").append(id).append('\n');
    }
    if (event != null) {
      sb.append("event: ").append(event).append('\n');
    }
    for (String line : data.split("\n", -1)) {
      sb.append("data: ").append(line).append('\n');
    }
    sb.append('\n');
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A comment line: keeps idle connections open and detects clients that went away. */
  public static void heartbeat(OutputStream out) throws IOException {
    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
