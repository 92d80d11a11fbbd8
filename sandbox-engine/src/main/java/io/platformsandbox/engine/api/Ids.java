package io.platformsandbox.engine.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers and secrets: {@code prefix + hex}. Thread-safe. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** {@code bytes} random bytes as lowercase hex. */
  public static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
