package io.platformsandbox.mocks.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** RFC 9457 {@code application/problem+json} bodies, the shape the engine's API uses too. */
final class Problems {

  static final String TYPE_BASE = "https://platformsandbox.io/problems/";
  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  static ObjectNode problem(String slug, String title, int status, String detail) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", TYPE_BASE + slug);
    n.put("title", title);
    n.put("status", status);
    n.put("detail", detail);
    return n;
  }

  static void write(Response response, Callback callback, ObjectNode problem) {
    write(response, callback, problem, Map.of());
  }

  static void write(
      Response response, Callback callback, ObjectNode problem, Map<String, String> headers) {
    response.setStatus(problem.path("status").asInt(500));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    headers.forEach((k, v) -> response.getHeaders().put(k, v));
    byte[] body = Json.write(problem).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
