package io.platformsandbox.mocks.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The egress identity of one plugin process: proxy credentials and the hosts its manifest declares.
 *
 * <p>Hand {@link #environment()} to the plugin's process; every request it sends through the proxy
 * is then attributed to {@link #pluginId()} and checked against {@link #declaredHosts()}.
 *
 * @param pluginId the plugin id, also the proxy user name
 * @param password the proxy password (a random token, new for every registration)
 * @param declaredHosts the hosts from the manifest's {@code egress}; {@code *.example.com} matches
 *     any sub-domain
 * @param proxyHost the proxy's address
 * @param proxyPort the proxy's port
 */
public record ProxyIdentity(
    String pluginId, String password, Set<String> declaredHosts, String proxyHost, int proxyPort) {

  public ProxyIdentity {
    declaredHosts = Set.copyOf(declaredHosts);
  }

  /** {@code http://<plugin id>:<password>@<host>:<port>}, the value for {@code HTTP_PROXY}. */
  public String proxyUrl() {
    return "http://"
        + URLEncoder.encode(pluginId, StandardCharsets.UTF_8)
        + ":"
        + URLEncoder.encode(password, StandardCharsets.UTF_8)
        + "@"
        + proxyHost
        + ":"
        + proxyPort;
  }

  /**
   * The variables that point a process's HTTP clients at the proxy: {@code HTTP_PROXY},
   * {@code HTTPS_PROXY}, {@code NO_PROXY} and their lower-case forms (curl and Python read the
   * lower-case ones first).
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    String url = proxyUrl();
    env.put("HTTP_PROXY", url);
    env.put("HTTPS_PROXY", url);
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("http_proxy", url);
    env.put("https_proxy", url);
    env.put("no_proxy", "127.0.0.1,localhost");
    return env;
  }

  /** Whether this identity may call {@code host} (case-insensitive; a port is ignored). */
  public boolean declares(String host) {
    return HostNames.matchesAny(declaredHosts, host);
  }

  @Override
  public String toString() {
    // never print the password
    return "ProxyIdentity[" + pluginId + " -> " + declaredHosts + "]";
  }
}
