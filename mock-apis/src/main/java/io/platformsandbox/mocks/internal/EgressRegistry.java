package io.platformsandbox.mocks.internal;

import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.Egress;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** The egress policy: identities, their declared hosts, and the decision for each request. */
final class EgressRegistry implements Egress {

  static final String ANONYMOUS = "anonymous";

  private final Map<String, ProxyIdentity> identities = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final String host;
  private final IntSupplier port;
  private final CaStore ca;
  private volatile Predicate<String> coverage = h -> false;
  private volatile boolean anonymous;

  EgressRegistry(String host, IntSupplier port, CaStore ca) {
    this.host = host;
    this.port = port;
    this.ca = ca;
  }

  void coveredBy(Predicate<String> hostHasStubs) {
    this.coverage = hostHasStubs;
  }

  @Override
  public ProxyIdentity register(String pluginId, Collection<String> declaredHosts) {
    if (pluginId == null || pluginId.isBlank() || pluginId.contains(":")) {
      throw new IllegalArgumentException("plugin id must be non-blank and contain no ':'");
    }
    if (ANONYMOUS.equals(pluginId)) {
      throw new IllegalArgumentException("'anonymous' is reserved");
    }
    byte[] token = new byte[18];
    random.nextBytes(token);
    ProxyIdentity identity =
        new ProxyIdentity(
            pluginId,
            HexFormat.of().formatHex(token),
            declaredHosts == null ? java.util.Set.of() : java.util.Set.copyOf(declaredHosts),
            host,
            port.getAsInt());
    identities.put(pluginId, identity);
    return identity;
  }

  @Override
  public void unregister(String pluginId) {
    identities.remove(pluginId);
  }

  @Override
  public Optional<ProxyIdentity> identity(String pluginId) {
    return Optional.ofNullable(identities.get(pluginId));
  }

  @Override
  public List<ProxyIdentity> identities() {
    List<ProxyIdentity> list = new ArrayList<>(identities.values());
    list.sort(java.util.Comparator.comparing(ProxyIdentity::pluginId));
    return list;
  }

  @Override
  public void allowAnonymous(boolean allow) {
    anonymous = allow;
  }

  @Override
  public boolean anonymousAllowed() {
    return anonymous;
  }

  @Override
  public String proxyUrl() {
    return "http://" + host + ":" + port.getAsInt();
  }

  @Override
  public boolean httpsSupported() {
    return CaStore.supported();
  }

  @Override
  public String caCertificatePem() {
    return ca.certificatePem();
  }

  @Override
  public Path exportCaCertificate(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The identity behind a {@code Proxy-Authorization} header, if the credentials are right. */
  Optional<ProxyIdentity> authenticate(String proxyAuthorization) {
    if (proxyAuthorization == null) {
      return Optional.empty();
    }
    String value = proxyAuthorization.trim();
    if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    ProxyIdentity identity = identities.get(decoded.substring(0, colon));
    if (identity == null) {
      return Optional.empty();
    }
    boolean same =
        MessageDigest.isEqual(
            identity.password().getBytes(StandardCharsets.UTF_8),
            decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    return same ? Optional.of(identity) : Optional.empty();
  }

  /**
   * The policy decision for a request to {@code targetHost}.
   *
   * @param proxyAuthorization the header, or null
   * @param knownPluginId for a request inside an accepted tunnel, the identity of the tunnel;
   *     then {@code proxyAuthorization} is ignored
   */
  Decision decide(String proxyAuthorization, String knownPluginId, String targetHost) {
    String pluginId;
    ProxyIdentity identity = null;
    if (knownPluginId != null) {
      pluginId = knownPluginId;
      identity = identities.get(knownPluginId);
      if (identity == null && !ANONYMOUS.equals(knownPluginId)) {
        return Decision.refuse(Verdict.UNIDENTIFIED, null);
      }
    } else {
      identity = authenticate(proxyAuthorization).orElse(null);
      if (identity == null) {
        if (!anonymous) {
          return Decision.refuse(Verdict.UNIDENTIFIED, null);
        }
        pluginId = ANONYMOUS;
      } else {
        pluginId = identity.pluginId();
      }
    }
    if (identity != null && !identity.declares(targetHost)) {
      return Decision.refuse(Verdict.UNDECLARED_HOST, pluginId);
    }
    if (!coverage.test(targetHost)) {
      return Decision.refuse(Verdict.NO_STUB_SET, pluginId);
    }
    return new Decision(null, pluginId);
  }

  /** A policy decision: {@code refusal} is null when the request may go on. */
  record Decision(Verdict refusal, String pluginId) {
    static Decision refuse(Verdict v, String pluginId) {
      return new Decision(v, pluginId);
    }

    boolean allowed() {
      return refusal == null;
    }
  }
}
