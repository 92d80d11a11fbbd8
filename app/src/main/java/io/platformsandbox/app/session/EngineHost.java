package io.platformsandbox.app.session;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine the workbench runs in its own process, through the engine's public API only
 * ({@link Engine#create}, {@link Engine#start}, {@link Engine#apiUrl}, {@link Engine#close}).
 *
 * <p>Threading: blocking; call from background work. Not thread-safe; the session serialises calls.
 */
public final class EngineHost {
  private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);
  private Engine engine;

  /** Started engine URLs. */
  public record Started(String apiUrl, String mockUrl, boolean movedPorts) {}

  /**
   * Starts an engine; a default port that another process already holds is swapped for a free one
   * (so that a {@code sandbox serve} on 8787 does not stop the workbench from starting).
   */
  public Started start(EngineConfig config) {
    if (engine != null) {
      throw new IllegalStateException("the sandbox is already running");
    }
    EngineConfig c = config;
    boolean moved = false;
    if (c.port() != 0 && !free(c.host(), c.port())) {
      c = c.withPort(0);
      moved = true;
    }
    if (c.mockPort() > 0 && !free(c.host(), c.mockPort())) {
      c = c.withMockPort(0);
      moved = true;
    }
    Engine e = Engine.create(c);
    e.start();
    engine = e;
    LOG.info("sandbox started: API {} mocks {}", e.apiUrl(), e.mockUrl() == null ? "off" : e.mockUrl());
    return new Started(e.apiUrl(), e.mockUrl(), moved);
  }

  public boolean isRunning() {
    return engine != null;
  }

  public void stop() {
    Engine e = engine;
    engine = null;
    if (e != null) {
      e.close();
      LOG.info("sandbox stopped");
    }
  }

  private static boolean free(String host, int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
