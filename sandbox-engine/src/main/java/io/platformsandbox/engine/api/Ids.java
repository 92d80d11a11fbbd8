package io.platformsandbox.engine.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers and secrets as lowercase hex. Identifiers (records, events, requests) only
 * have to be unique, so they come from {@link ThreadLocalRandom} (no lock on the hot path);
 * secrets that grant access come from {@link SecureRandom}. Thread-safe.
 */
public final class Ids {
  private static final SecureRandom SECURE = new SecureRandom();

  private Ids() {}

  /** {@code bytes} random bytes as hex, for identifiers. */
  public static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {@code bytes} random bytes as hex from a cryptographic source, for secrets and credentials. */
  public static String secret(int bytes) {
    byte[] b = new byte[bytes];
    SECURE.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
