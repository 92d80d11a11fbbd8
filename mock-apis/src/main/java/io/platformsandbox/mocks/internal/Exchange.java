package io.platformsandbox.mocks.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * What the front door learnt about one request (who sent it, to which host), handed to the
 * WireMock extensions that run for it. WireMock serves a request synchronously on the thread the
 * front door called it on (asynchronous responses are off), so a thread-local carries it.
 */
final class Exchange {

  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  final String id = UUID.randomUUID().toString();
  final Instant time = Instant.now();
  final long startNanos = System.nanoTime();
  final String pluginId;
  final boolean viaProxy;
  final String scheme;
  final String host;
  final int port;
  volatile String faultId;

  Exchange(String pluginId, boolean viaProxy, String scheme, String host, int port) {
    this.pluginId = pluginId;
    this.viaProxy = viaProxy;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static Exchange current() {
    return CURRENT.get();
  }

  static void set(Exchange exchange) {
    CURRENT.set(exchange);
  }

  static void clear() {
    CURRENT.remove();
  }
}
