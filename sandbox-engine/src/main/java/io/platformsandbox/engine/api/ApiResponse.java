package io.platformsandbox.engine.api;

import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route handler answers. Immutable.
 *
 * @param piiReturned whether unmasked PII or PHI is in the body (written to the audit log)
 * @param streamer writes a long-lived body (server-sent events) instead of {@code body}; or null
 */
public record ApiResponse(
    int status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    boolean piiReturned,
    Streamer streamer) {

  public static final String JSON = "application/json";

  /** Writes a streamed body until it is done or the client goes away (an IOException). */
  @FunctionalInterface
  public interface Streamer {
    void stream(OutputStream out) throws IOException;
  }

  public ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers, boolean piiReturned) {
    this(status, contentType, body, headers, piiReturned, null);
  }

  /** A {@code text/event-stream} response written by {@code streamer} on the request's thread. */
  public static ApiResponse eventStream(Streamer streamer) {
    return new ApiResponse(
        200,
        "text/event-stream",
        new byte[0],
        Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no"),
        false,
        streamer);
  }

  public static ApiResponse json(int status, Object body) {
    return new ApiResponse(status, JSON, Json.bytes(body), Map.of(), false);
  }

  public static ApiResponse ok(Object body) {
    return json(200, body);
  }

  public static ApiResponse created(Object body) {
    return json(201, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0], Map.of(), false);
  }

  public static ApiResponse bytes(int status, String contentType, byte[] body) {
    return new ApiResponse(status, contentType, body, Map.of(), false);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, contentType, body, copy, piiReturned, streamer);
  }

  public ApiResponse withPiiReturned(boolean pii) {
    return new ApiResponse(status, contentType, body, headers, pii, streamer);
  }
}
