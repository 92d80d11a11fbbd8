package io.platformsandbox.engine.plugins.bundles.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text (RFC 7468): one canonical way to write it, and a reader that also takes what OpenSSL writes. */
public final class Pem {
  private Pem() {}

  /** {@code -----BEGIN LABEL-----}, base64 in lines of 64, {@code -----END LABEL-----}, each line ending in LF. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < b64.length(); i += 64) {
      out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    return out.append("-----END ").append(label).append("-----\n").toString();
  }

  /**
   * The DER bytes of the one {@code label} block in {@code text}; CRLF line ends and surrounding
   * blank lines are accepted.
   *
   * @throws IllegalArgumentException with a readable reason when there is no such block
   */
  public static byte[] decode(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no '" + begin + "' block");
    }
    if (text.indexOf(begin, from + 1) >= 0) {
      throw new IllegalArgumentException("more than one '" + begin + "' block");
    }
    String body = text.substring(from + begin.length(), to).replaceAll("[\\r\\n\\t ]", "");
    try {
      return Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the '" + label + "' block is not valid base64");
    }
  }
}
