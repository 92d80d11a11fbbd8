package io.platformsandbox.mocks.proxy;

import java.util.Collection;
import java.util.Locale;

/** Host name comparison as the egress policy does it: case-insensitive, ports ignored. */
public final class HostNames {

  private HostNames() {}

  /** Lower-cases a host and drops a trailing {@code :port} and IPv6 brackets. */
  public static String normalize(String host) {
    if (host == null) {
      return "";
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int colon = h.indexOf(':');
    if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** {@code pattern} is a host name or {@code *.domain}, which matches any sub-domain of domain. */
  public static boolean matches(String pattern, String host) {
    String p = normalize(pattern);
    String h = normalize(host);
    if (p.startsWith("*.")) {
      return h.endsWith(p.substring(1)) && h.length() > p.length() - 1;
    }
    return p.equals(h);
  }

  public static boolean matchesAny(Collection<String> patterns, String host) {
    for (String p : patterns) {
      if (matches(p, host)) {
        return true;
      }
    }
    return false;
  }
}
