package io.platformsandbox.mocks.faults;

/** What an injected fault does to a response. */
public enum FaultKind {
  /** The response is delayed by {@link FaultRule#latencyMs()}, otherwise unchanged. */
  LATENCY,
  /** The response is replaced by {@link FaultRule#status()} (a {@code 5xx} usually). */
  STATUS,
  /** The connection is reset (TCP RST) before any response is sent. */
  CONNECTION_RESET,
  /** The connection is closed without any response. */
  EMPTY_RESPONSE,
  /** The stub's status and headers, with a body that is not valid JSON. */
  MALFORMED_BODY
}
