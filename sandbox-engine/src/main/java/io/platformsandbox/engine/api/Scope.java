package io.platformsandbox.engine.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The scopes an app can be granted (DESIGN §3). */
public enum Scope {
  RECORDS_READ("records:read"),
  RECORDS_WRITE("records:write"),
  FILES_READ("files:read"),
  FILES_WRITE("files:write"),
  EVENTS_PUBLISH("events:publish"),
  EVENTS_SUBSCRIBE("events:subscribe"),
  WEBHOOKS_MANAGE("webhooks:manage"),
  MODELS_INVOKE("models:invoke"),
  MODELS_TRAIN("models:train"),
  DATASETS_READ("datasets:read"),
  DATASETS_PUBLISH("datasets:publish"),
  PII_READ("pii:read"),
  AUDIT_READ("audit:read"),
  CONNECTORS_MANAGE("connectors:manage");

  private static final Map<String, Scope> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toMap(Scope::wire, Function.identity()));

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Scope> fromWire(String wire) {
    return Optional.ofNullable(BY_WIRE.get(wire));
  }

  @Override
  public String toString() {
    return wire;
  }
}
