package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty12.HttpsProxyDetectingHandler;
import com.github.tomakehurst.wiremock.jetty12.Jetty12HttpServer;
import com.github.tomakehurst.wiremock.jetty12.ManInTheMiddleSslConnectHandler;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * WireMock's Jetty 12 server with the sandbox's {@link FrontDoor} in front, its own {@code CONNECT}
 * handling ({@link TunnelHandler}), and the TLS connector for tunnels made lazily ({@link
 * MitmConnector}) instead of at construction: WireMock would generate a CA on every start, and
 * bind that connector to every interface.
 */
final class SandboxJettyServer extends Jetty12HttpServer {

  /** WireMock's constructor calls {@link #createHandler} before this class's fields exist. */
  private static final ThreadLocal<Parts> CONSTRUCTING = new ThreadLocal<>();

  /** What the front door needs, handed over through {@link #CONSTRUCTING}. */
  record Parts(
      EgressRegistry egress,
      EgressJournal journal,
      SandboxEndpoints endpoints,
      CaStore ca,
      String bindHost) {}

  private MitmConnector mitm; // set during super(); deliberately no initializer

  private SandboxJettyServer(
      Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
    super(options, admin, stubs);
  }

  static SandboxJettyServer create(
      Options options, AdminRequestHandler admin, StubRequestHandler stubs, Parts parts) {
    CONSTRUCTING.set(parts);
    try {
      return new SandboxJettyServer(options, admin, stubs);
    } finally {
      CONSTRUCTING.remove();
    }
  }

  @Override
  protected void applyAdditionalServerConfiguration(Server jettyServer, Options options) {
    // the TLS connector for CONNECT tunnels is made on first use, see MitmConnector
  }

  @Override
  protected Handler createHandler(
      Options options, AdminRequestHandler adminRequestHandler, StubRequestHandler stubs) {
    Parts parts = CONSTRUCTING.get();
    Handler.Sequence sequence =
        (Handler.Sequence) super.createHandler(options, adminRequestHandler, stubs);
    List<Handler> handlers = new ArrayList<>(sequence.getHandlers());
    handlers.removeIf(
        h -> h instanceof ManInTheMiddleSslConnectHandler || h instanceof HttpsProxyDetectingHandler);
    mitm = new MitmConnector(jettyServer, options, parts.ca());
    TunnelHandler tunnels = new TunnelHandler(mitm);
    handlers.add(0, tunnels);
    sequence.setHandlers(handlers);
    return new FrontDoor(
        sequence, parts.egress(), parts.journal(), parts.endpoints(), tunnels, mitm,
        parts.bindHost());
  }

  @Override
  public void stop() {
    if (mitm != null) {
      mitm.stop();
    }
    super.stop();
  }
}
