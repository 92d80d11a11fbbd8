package io.platformsandbox.engine.api;

/** A route's logic: one request in, one response out; errors as {@link ApiException}. */
@FunctionalInterface
public interface Handler {
  ApiResponse handle(ApiRequest request) throws Exception;
}
