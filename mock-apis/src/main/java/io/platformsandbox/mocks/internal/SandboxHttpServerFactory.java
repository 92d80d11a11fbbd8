package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;

/** Makes WireMock use {@link SandboxJettyServer}. */
final class SandboxHttpServerFactory implements HttpServerFactory {

  private final SandboxJettyServer.Parts parts;

  SandboxHttpServerFactory(SandboxJettyServer.Parts parts) {
    this.parts = parts;
  }

  @Override
  public String getName() {
    return "platform-sandbox-jetty12";
  }

  @Override
  public HttpServer buildHttpServer(
      Options options, AdminRequestHandler adminRequestHandler, StubRequestHandler stubs) {
    return SandboxJettyServer.create(options, adminRequestHandler, stubs, parts);
  }
}
