package io.platformsandbox.mocks.proxy;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The egress proxy's policy: who may call which external host.
 *
 * <p>Every request that reaches the proxy (an absolute-form {@code http://} request, or a
 * {@code CONNECT} tunnel for {@code https://}) must carry the credentials of a registered identity
 * in {@code Proxy-Authorization} (clients send them when the proxy URL has them, see {@link
 * ProxyIdentity#environment()}). The proxy then refuses, with an {@code application/problem+json}
 * body and a journal entry marked as a violation:
 *
 * <ul>
 *   <li>{@code 407} a request without valid credentials (unless {@link #allowAnonymous} is on);
 *   <li>{@code 403} a host the identity did not declare, even when stubs exist for it;
 *   <li>{@code 502} a declared host that no enabled stub set, stub or recording answers.
 * </ul>
 *
 * <p>Thread-safe: identities can be registered and removed while requests are in flight; a request
 * sees the identities as they were when it arrived.
 */
public interface Egress {

  /**
   * Registers (or re-registers, replacing the old password and hosts) the identity of a plugin.
   *
   * @param pluginId the manifest's {@code id}
   * @param declaredHosts the manifest's {@code egress[].host} values
   * @return the identity, whose {@link ProxyIdentity#environment()} goes to the plugin's process
   */
  ProxyIdentity register(String pluginId, Collection<String> declaredHosts);

  /** Forgets a plugin's identity; its later requests get {@code 407}. No-op when unknown. */
  void unregister(String pluginId);

  Optional<ProxyIdentity> identity(String pluginId);

  List<ProxyIdentity> identities();

  /**
   * When on, requests without credentials are let through as the identity {@code anonymous},
   * which may call any host that has stubs (handy with curl; off by default so that no plugin
   * traffic escapes attribution).
   */
  void allowAnonymous(boolean allow);

  boolean anonymousAllowed();

  /** The proxy URL without credentials, e.g. {@code http://127.0.0.1:8788}. */
  String proxyUrl();

  /**
   * Whether {@code https://} egress works: the proxy terminates {@code CONNECT} tunnels with
   * certificates it signs with its own CA, which needs the JVM flag {@code
   * --add-exports=java.base/sun.security.x509=ALL-UNNAMED}. Without it {@code CONNECT} is refused
   * with {@code 501} and a body that says so; plain {@code http://} egress is unaffected.
   */
  boolean httpsSupported();

  /**
   * The CA certificate (PEM) that signs the proxy's per-host certificates; generated on first use
   * (a second or two) and kept under the root directory when there is one.
   *
   * @throws IllegalStateException when {@link #httpsSupported()} is false
   */
  String caCertificatePem();

  /**
   * Writes {@link #caCertificatePem()} to {@code file} (for {@code NODE_EXTRA_CA_CERTS}, {@code
   * SSL_CERT_FILE}, {@code REQUESTS_CA_BUNDLE} or a Java trust store import) and returns it.
   */
  Path exportCaCertificate(Path file);
}
