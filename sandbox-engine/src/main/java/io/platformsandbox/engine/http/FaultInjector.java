package io.platformsandbox.engine.http;

import java.util.Optional;
import java.util.function.Supplier;

/** Decides whether a Platform API request meets an injected fault, before routing. Thread-safe. */
@FunctionalInterface
public interface FaultInjector {

  /**
   * What to do to a request.
   *
   * @param status answer with this status instead of routing, or null to route after the latency
   * @param retryAfterSeconds a {@code Retry-After} to send with {@code status}, or null
   * @param drop close the connection without answering
   */
  record Fault(String id, Integer status, Integer retryAfterSeconds, long latencyMs, boolean drop) {}

  FaultInjector NONE = (method, path, clientId) -> Optional.empty();

  /**
   * @param clientId looks up the calling app's client id (or null); only called when a rule needs it
   */
  Optional<Fault> match(String method, String path, Supplier<String> clientId);
}
