package io.platformsandbox.engine.api;

/** The HTTP methods the route table uses. */
public enum HttpMethod {
  GET,
  HEAD,
  POST,
  PUT,
  PATCH,
  DELETE;

  public static HttpMethod parse(String name) {
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
