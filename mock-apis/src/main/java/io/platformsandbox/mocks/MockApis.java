package io.platformsandbox.mocks;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;

/**
 * The mock APIs server: an embedded WireMock with its standard {@code /__admin} API, bound to
 * loopback. Does nothing until {@link #start()}; {@link #close()} is safe to call twice.
 *
 * <p>The egress proxy, stub sets, faults and journal arrive with the mock-apis issue; until then
 * this is plain WireMock.
 */
public final class MockApis implements AutoCloseable {

  /**
   * @param port the port to listen on; 0 picks a free one
   * @param host the address to bind, loopback by default
   * @param rootDir where WireMock keeps mappings and files; {@code null} keeps them in memory
   */
  public record Config(String host, int port, Path rootDir) {
    public static Config loopback(int port) {
      return new Config("127.0.0.1", port, null);
    }
  }

  private final Config config;
  private WireMockServer server;

  public MockApis(Config config) {
    this.config = config;
  }

  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    WireMockConfiguration options = options().bindAddress(config.host()).port(config.port());
    if (config.rootDir() != null) {
      options.usingFilesUnderDirectory(config.rootDir().toString());
    }
    server = new WireMockServer(options);
    server.start();
  }

  /** The port actually bound. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.port();
  }

  public String baseUrl() {
    return "http://" + config.host() + ":" + port();
  }

  /** The underlying WireMock server, for stubbing from Java. */
  public synchronized WireMockServer wireMock() {
    return server;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
