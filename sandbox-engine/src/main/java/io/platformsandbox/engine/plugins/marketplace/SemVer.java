package io.platformsandbox.engine.plugins.marketplace;

import java.math.BigInteger;
import java.util.Comparator;

/** Semantic Versioning 2.0.0 precedence (build metadata ignored, then compared as text for a total order). */
final class SemVer {
  static final Comparator<String> ORDER = SemVer::compare;

  private SemVer() {}

  static int compare(String a, String b) {
    int c = precedence(a, b);
    return c != 0 ? c : a.compareTo(b);
  }

  /** SemVer precedence only: versions that differ only in build metadata are equal. */
  static int precedence(String a, String b) {
    String[] x = split(a);
    String[] y = split(b);
    String[] core1 = x[0].split("\\.");
    String[] core2 = y[0].split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = new BigInteger(core1[i]).compareTo(new BigInteger(core2[i]));
      if (c != 0) {
        return c;
      }
    }
    return comparePre(x[1], y[1]);
  }

  /** {core, pre-release or null}. */
  private static String[] split(String v) {
    int plus = v.indexOf('+');
    String noBuild = plus < 0 ? v : v.substring(0, plus);
    int dash = noBuild.indexOf('-');
    return dash < 0 ? new String[] {noBuild, null} : new String[] {noBuild.substring(0, dash), noBuild.substring(dash + 1)};
  }

  private static int comparePre(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = x[i].matches("\\d+");
      boolean yn = y[i].matches("\\d+");
      int c =
          xn && yn ? new BigInteger(x[i]).compareTo(new BigInteger(y[i])) : xn ? -1 : yn ? 1 : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
