package io.platformsandbox.engine.testsupport;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real in-memory engine on free loopback ports per test class and resets it before
 * each test. Register with {@code @RegisterExtension static RunningEngine engine = new RunningEngine();}.
 */
public final class RunningEngine implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final EngineConfig config;
  private Engine engine;
  private SandboxClient client;

  public RunningEngine() {
    this(EngineConfig.ephemeral().withMockPort(-1));
  }

  public RunningEngine(EngineConfig config) {
    this.config = config;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    engine = Engine.create(config).start();
    client = new SandboxClient(engine.apiUrl());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    engine.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    engine.close();
  }

  public Engine engine() {
    return engine;
  }

  public SandboxClient client() {
    return client;
  }
}
