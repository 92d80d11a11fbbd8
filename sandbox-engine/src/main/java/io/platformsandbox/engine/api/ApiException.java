package io.platformsandbox.engine.api;

import java.util.Map;

/**
 * Thrown anywhere below a route handler to answer with a problem. Carries no stack trace: it is an
 * answer, not a failure.
 */
public final class ApiException extends RuntimeException {
  private final Problem problem;
  private final Map<String, String> headers;

  public ApiException(Problem problem) {
    this(problem, Map.of());
  }

  public ApiException(Problem problem, Map<String, String> headers) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(new Problem(400, "bad-request", "Bad request", detail));
  }

  public static ApiException badRequest(String slug, String title, String detail) {
    return new ApiException(new Problem(400, slug, title, detail));
  }

  public static ApiException notFound(String detail) {
    return new ApiException(new Problem(404, "not-found", "Not found", detail));
  }

  public static ApiException conflict(String detail) {
    return new ApiException(new Problem(409, "conflict", "Conflict", detail));
  }

  public static ApiException forbidden(String slug, String detail) {
    return new ApiException(new Problem(403, slug, "Forbidden", detail));
  }

  public static ApiException preconditionFailed(String detail) {
    return new ApiException(new Problem(412, "precondition-failed", "Precondition failed", detail));
  }

  public static ApiException tooLarge(String detail) {
    return new ApiException(new Problem(413, "payload-too-large", "Payload too large", detail));
  }

  public static ApiException invalid(String detail, Map<String, String> errors) {
    return new ApiException(
        new Problem(422, "validation-failed", "Validation failed", detail, errors, Map.of()));
  }

  public static ApiException invalidField(String field, String message) {
    return invalid("The request body is not valid: " + field + " " + message, Map.of(field, message));
  }
}
