package io.platformsandbox.engine.api;

import java.util.Objects;

/**
 * One row of the route table: everything cross-cutting code needs to know about an endpoint.
 * Tenant isolation, scope and OpenAPI tests walk these rows, so a new route is covered by them
 * without anyone remembering to.
 *
 * @param path a template such as {@code /v1/collections/{name}}; a final {@code {path+}} takes the
 *     rest of the path, slashes included
 * @param scope the scope an {@link Access#APP} caller needs; {@code null} for other access kinds, and
 *     for app routes that any valid token may call ({@link Builder#anyToken()})
 * @param action a stable dotted name for audit entries and the OpenAPI operationId
 * @param idempotent whether {@code Idempotency-Key} replays the first response (creating POSTs)
 */
public record Route(
    HttpMethod method,
    String path,
    Access access,
    Scope scope,
    Body body,
    String action,
    boolean idempotent,
    Handler handler) {

  public Route {
    Objects.requireNonNull(method);
    Objects.requireNonNull(path);
    Objects.requireNonNull(access);
    Objects.requireNonNull(body);
    Objects.requireNonNull(action);
    Objects.requireNonNull(handler);
  }

  public static Builder get(String path) {
    return new Builder(HttpMethod.GET, path);
  }

  public static Builder head(String path) {
    return new Builder(HttpMethod.HEAD, path);
  }

  public static Builder post(String path) {
    return new Builder(HttpMethod.POST, path);
  }

  public static Builder put(String path) {
    return new Builder(HttpMethod.PUT, path);
  }

  public static Builder patch(String path) {
    return new Builder(HttpMethod.PATCH, path);
  }

  public static Builder delete(String path) {
    return new Builder(HttpMethod.DELETE, path);
  }

  /** Builds a route; the body kind defaults to JSON for POST, PUT and PATCH. */
  public static final class Builder {
    private final HttpMethod method;
    private final String path;
    private Access access = Access.APP;
    private Scope scope;
    private Body body;
    private String action;
    private boolean idempotent;
    private boolean anyToken;

    private Builder(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
      this.body =
          switch (method) {
            case POST, PUT, PATCH -> Body.JSON;
            default -> Body.NONE;
          };
    }

    public Builder scope(Scope scope) {
      this.access = Access.APP;
      this.scope = scope;
      return this;
    }

    /** An app route that any valid token of any tenant may call, whatever its scopes. */
    public Builder anyToken() {
      this.access = Access.APP;
      this.scope = null;
      this.anyToken = true;
      return this;
    }

    public Builder control() {
      this.access = Access.CONTROL;
      return this;
    }

    public Builder open() {
      this.access = Access.PUBLIC;
      return this;
    }

    public Builder body(Body body) {
      this.body = body;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /** Marks a creating POST: a retry with the same {@code Idempotency-Key} replays the answer. */
    public Builder idempotent() {
      this.idempotent = true;
      return this;
    }

    public Route handle(Handler handler) {
      if (access == Access.APP && scope == null && !anyToken) {
        throw new IllegalArgumentException("app route " + path + " needs a scope (or .anyToken())");
      }
      return new Route(method, path, access, scope, body, action, idempotent, handler);
    }
  }
}
