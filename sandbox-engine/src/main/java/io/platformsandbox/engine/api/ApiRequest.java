package io.platformsandbox.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request as a route handler sees it: path parameters already decoded, the body already read
 * within the size limit, the caller already authenticated. Immutable; used by one thread.
 */
public final class ApiRequest {
  private final HttpMethod method;
  private final String path;
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> query;
  private final Function<String, String> headers;
  private final byte[] body;
  private final Principal principal;
  private final String requestId;

  public ApiRequest(
      HttpMethod method,
      String path,
      Map<String, String> pathParams,
      Map<String, List<String>> query,
      Function<String, String> headers,
      byte[] body,
      Principal principal,
      String requestId) {
    this.method = method;
    this.path = path;
    this.pathParams = pathParams;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.principal = principal;
    this.requestId = requestId;
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path parameter " + name);
    }
    return value;
  }

  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** An integer query parameter within bounds, or 400 naming it. */
  public int queryInt(String name, int defaultValue, int min, int max) {
    Optional<String> raw = query(name);
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw ApiException.badRequest(
            "Query parameter '" + name + "' must be between " + min + " and " + max + ".");
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Query parameter '" + name + "' must be an integer.");
    }
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.apply(name));
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as a JSON object, or 400 when it is not one. */
  public ObjectNode jsonObject() {
    JsonNode node = json();
    if (!node.isObject()) {
      throw ApiException.badRequest(
          "malformed-json", "Malformed JSON", "The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  public JsonNode json() {
    if (body.length == 0) {
      throw ApiException.badRequest(
          "malformed-json", "Malformed JSON", "The request body is empty; a JSON object is expected.");
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw ApiException.badRequest(
          "malformed-json",
          "Malformed JSON",
          "The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed-json", "Malformed JSON", "The body could not be read.");
    }
  }

  /** The calling app; only {@code null} on {@link Access#PUBLIC} and {@link Access#CONTROL} routes. */
  public Principal principal() {
    return principal;
  }

  public String tenant() {
    return principal.tenant();
  }

  public String requestId() {
    return requestId;
  }
}
