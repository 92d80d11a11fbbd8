package io.platformsandbox.engine.http;

/** Told of every finished request, on the request's thread: must be quick and must not throw. */
@FunctionalInterface
public interface ExchangeListener {
  void onExchange(Exchange exchange);
}
