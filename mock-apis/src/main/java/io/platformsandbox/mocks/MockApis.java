package io.platformsandbox.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.platformsandbox.mocks.faults.Faults;
import io.platformsandbox.mocks.internal.MockServer;
import io.platformsandbox.mocks.journal.Journal;
import io.platformsandbox.mocks.proxy.Egress;
import io.platformsandbox.mocks.recording.Recordings;
import io.platformsandbox.mocks.stubs.StubSets;
import java.nio.file.Path;

/**
 * The mock APIs server and egress proxy: an embedded WireMock (its admin API at {@code /__admin},
 * its JSON mapping format, its Java client all work unchanged) that is also the HTTP forward proxy
 * every plugin's outbound calls go through, plus the sandbox's own endpoints at {@code
 * /__sandbox}.
 *
 * <ul>
 *   <li>{@link #egress()} — per-plugin proxy identities and the egress policy;
 *   <li>{@link #stubSets()} — built-in ({@code crm}, {@code payments}) and folder stub sets;
 *   <li>{@link #faults()} — run-time fault injection per host or stub;
 *   <li>{@link #journal()} — every request, its plugin, verdict and response;
 *   <li>{@link #recordings()} — record a real service, play it back offline.
 * </ul>
 *
 * <p>Does nothing until {@link #start()}; binds loopback by default; {@link #close()} stops
 * everything it started and is safe to call twice. The built-in stub sets are enabled from the
 * start. All methods are thread-safe; the parts may be used before {@link #start()} (stub sets
 * loaded then are installed at start), except those that need the server ({@link #port()}, {@link
 * #wireMock()}, recordings).
 */
public final class MockApis implements AutoCloseable {

  /**
   * @param host the address to bind, loopback by default
   * @param port the port to listen on; 0 picks a free one
   * @param rootDir where WireMock keeps {@code mappings/} and {@code __files/}, and where the
   *     proxy's CA and saved recordings go; {@code null} keeps everything in memory (a temporary
   *     file root, deleted on close)
   */
  public record Config(String host, int port, Path rootDir) {
    public static Config loopback(int port) {
      return new Config("127.0.0.1", port, null);
    }
  }

  private final Config config;
  private final MockServer server;
  private boolean started;

  public MockApis(Config config) {
    this.config = config;
    this.server = new MockServer(config.host(), config.port(), config.rootDir());
  }

  /** Starts the server. @throws IllegalStateException when already started */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    server.start();
    started = true;
  }

  /** The port actually bound. @throws IllegalStateException when not started */
  public int port() {
    return server.port();
  }

  /** {@code http://host:port}: the mock server, and the proxy URL without credentials. */
  public String baseUrl() {
    return server.egress().proxyUrl();
  }

  /** The underlying WireMock server, for stubbing from Java; {@code null} when not started. */
  public WireMockServer wireMock() {
    return server.wireMock();
  }

  public Egress egress() {
    return server.egress();
  }

  public StubSets stubSets() {
    return server.stubSets();
  }

  public Faults faults() {
    return server.faults();
  }

  public Journal journal() {
    return server.journal();
  }

  public Recordings recordings() {
    return server.recordings();
  }

  /**
   * Back to the state after start, keeping identities and loaded stub sets: stops recordings
   * (unsaved), clears faults, resets WireMock (stubs added through {@code /__admin} go, the enabled
   * stub sets come back, scenarios restart) and clears the journal.
   */
  public void reset() {
    server.reset();
  }

  public Config config() {
    return config;
  }

  @Override
  public synchronized void close() {
    if (started) {
      started = false;
      server.stop();
    }
  }
}
