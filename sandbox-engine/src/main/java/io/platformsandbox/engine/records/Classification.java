package io.platformsandbox.engine.records;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How sensitive a field's values are. PII and PHI are masked without {@code pii:read}. */
public enum Classification {
  NONE,
  PII,
  PHI;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isSensitive() {
    return this != NONE;
  }

  public static Optional<Classification> fromWire(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
  }
}
