package io.platformsandbox.mocks.faults;

/**
 * A fault to inject into responses of the mock server (stubs and recordings alike).
 *
 * @param id assigned by {@link Faults#add}; {@code null} before
 * @param host the host whose responses are affected; {@code null} means any host
 * @param stub a stub's name or id whose responses are affected; {@code null} means any stub
 * @param kind what the fault does
 * @param status the status for {@link FaultKind#STATUS}; ignored otherwise
 * @param latencyMs extra delay before the response, for every kind (the whole fault for {@link
 *     FaultKind#LATENCY})
 * @param probability chance in {@code [0, 1]} that a matching response is affected
 * @param count how many more responses to affect; {@code null} means unlimited. The rule removes
 *     itself when this reaches zero.
 */
public record FaultRule(
    String id,
    String host,
    String stub,
    FaultKind kind,
    int status,
    int latencyMs,
    double probability,
    Integer count) {

  public FaultRule {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (probability < 0 || probability > 1 || Double.isNaN(probability)) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latency_ms must not be negative");
    }
    if (kind == FaultKind.STATUS && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be an HTTP status (100-599)");
    }
    if (kind == FaultKind.LATENCY && latencyMs == 0) {
      throw new IllegalArgumentException("a LATENCY fault needs latency_ms > 0");
    }
    if (count != null && count < 1) {
      throw new IllegalArgumentException("count must be at least 1, or null for unlimited");
    }
  }

  /** Responses for {@code host} (null = any) are delayed by {@code ms}. */
  public static FaultRule latency(String host, int ms) {
    return new FaultRule(null, host, null, FaultKind.LATENCY, 0, ms, 1.0, null);
  }

  /** Responses for {@code host} (null = any) are replaced by {@code status}. */
  public static FaultRule status(String host, int status) {
    return new FaultRule(null, host, null, FaultKind.STATUS, status, 0, 1.0, null);
  }

  public static FaultRule connectionReset(String host) {
    return new FaultRule(null, host, null, FaultKind.CONNECTION_RESET, 0, 0, 1.0, null);
  }

  public static FaultRule emptyResponse(String host) {
    return new FaultRule(null, host, null, FaultKind.EMPTY_RESPONSE, 0, 0, 1.0, null);
  }

  public static FaultRule malformedBody(String host) {
    return new FaultRule(null, host, null, FaultKind.MALFORMED_BODY, 0, 0, 1.0, null);
  }

  /** The same rule restricted to the stub with this name or id. */
  public FaultRule forStub(String nameOrId) {
    return new FaultRule(id, host, nameOrId, kind, status, latencyMs, probability, count);
  }

  public FaultRule withProbability(double p) {
    return new FaultRule(id, host, stub, kind, status, latencyMs, p, count);
  }

  public FaultRule withLatency(int ms) {
    return new FaultRule(id, host, stub, kind, status, ms, probability, count);
  }

  /** The same rule, removed after it has affected {@code n} responses. */
  public FaultRule times(int n) {
    return new FaultRule(id, host, stub, kind, status, latencyMs, probability, n);
  }

  public FaultRule withId(String newId) {
    return new FaultRule(newId, host, stub, kind, status, latencyMs, probability, count);
  }

  public FaultRule withCount(Integer remaining) {
    return new FaultRule(id, host, stub, kind, status, latencyMs, probability, remaining);
  }
}
