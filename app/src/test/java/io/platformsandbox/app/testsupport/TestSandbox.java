package io.platformsandbox.app.testsupport;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.HttpClients;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import okhttp3.OkHttpClient;

/**
 * A real engine in memory on free ports (with or without its mock APIs), and a session connected to
 * it whose background work runs on the calling thread: what view-model tests use.
 */
public final class TestSandbox implements AutoCloseable {
  public final Engine engine;
  public final OkHttpClient http = HttpClients.create();
  public final CurrentThreadExecutor executor = new CurrentThreadExecutor();
  public final Notifications notifications = new Notifications();
  public final SandboxSession session;

  public TestSandbox() {
    this(false);
  }

  /** @param mocks start the mock APIs (the egress proxy plugins need) beside the Platform API */
  public TestSandbox(boolean mocks) {
    engine = Engine.create(EngineConfig.ephemeral().withMockPort(mocks ? 0 : -1)).start();
    if (mocks) {
      engine.awaitMocks();
    }
    session = new SandboxSession(http, executor, notifications);
    session.connect(engine.apiUrl());
  }

  /** Empties the engine between tests (in milliseconds) and re-reads the session's state. */
  public void reset() {
    engine.reset();
    session.reset(() -> {});
  }

  @Override
  public void close() {
    engine.close();
    http.connectionPool().evictAll();
  }
}
