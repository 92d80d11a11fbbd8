package io.platformsandbox.mocks.journal;

/** What the mock server did with a request. */
public enum Verdict {
  /** A stub answered it. */
  SERVED(false),
  /** The host has stubs but none matched; WireMock answered {@code 404} (see near misses). */
  UNMATCHED(false),
  /** Proxied to a real base URL while recording. */
  RECORDED(false),
  /**
   * Refused with {@code 407}: wrong proxy credentials, or a request in a tunnel nobody opened. (A
   * request with no credentials at all gets the same {@code 407} as a challenge, which is not
   * journaled: most clients send credentials only when challenged.)
   */
  UNIDENTIFIED(true),
  /** Refused with {@code 403}: the calling plugin did not declare the host. */
  UNDECLARED_HOST(true),
  /** Refused with {@code 502}: a declared host that no stub set answers. */
  NO_STUB_SET(true),
  /** Refused with {@code 501}: {@code https://} egress is not available in this JVM. */
  HTTPS_UNAVAILABLE(true);

  private final boolean violation;

  Verdict(boolean violation) {
    this.violation = violation;
  }

  /** Whether this is an egress policy violation (the validator's S05 evidence). */
  public boolean violation() {
    return violation;
  }
}
