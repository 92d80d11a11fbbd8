package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.common.BrowserProxySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.jetty11.Jetty11Utils;
import com.github.tomakehurst.wiremock.jetty11.SslContexts;
import java.util.List;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The loopback TLS connector that {@code CONNECT} tunnels are spliced into, where WireMock's
 * certificate-generating key manager answers as whatever host the client asked for. Made on the
 * first tunnel, not at start, because making the CA costs a second or two.
 */
final class MitmConnector {

  private final Server server;
  private final Options options;
  private final CaStore ca;
  private volatile ServerConnector connector;

  MitmConnector(Server server, Options options, CaStore ca) {
    this.server = server;
    this.options = options;
    this.ca = ca;
  }

  /** The local port, or -1 before the first tunnel. */
  int port() {
    ServerConnector c = connector;
    return c == null ? -1 : c.getLocalPort();
  }

  synchronized ServerConnector get() throws Exception {
    if (connector != null) {
      return connector;
    }
    BrowserProxySettings settings =
        new BrowserProxySettings(true, false, List.of(), ca.keyStoreSettings());
    SslContextFactory.Server tls =
        SslContexts.buildManInTheMiddleSslContextFactory(
            options.httpsSettings(), settings, options.notifier());
    HttpConfiguration http = Jetty11Utils.createHttpConfig(options.jettySettings());
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    secure.setSniRequired(false);
    http.addCustomizer(secure);
    ServerConnector c =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(http));
    c.setHost("127.0.0.1");
    c.setPort(0);
    server.addConnector(c);
    c.start();
    connector = c;
    return c;
  }

  void stop() {
    ServerConnector c = connector;
    if (c != null) {
      try {
        c.stop();
      } catch (Exception ignored) {
        // the server is stopping anyway
      }
    }
  }
}
