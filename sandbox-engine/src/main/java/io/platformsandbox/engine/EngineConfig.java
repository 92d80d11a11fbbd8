package io.platformsandbox.engine;

import io.platformsandbox.engine.tenants.RateLimit;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to build an {@link Engine}. Immutable; start from {@link #defaults()} and change with the
 * {@code with*} methods.
 *
 * @param workspace the workspace folder; its state lives in {@code <workspace>/.sandbox/}
 * @param inMemory keep everything in memory and write no files (the workspace is then ignored)
 * @param host the address servers bind to; loopback unless told otherwise
 * @param port the Platform API port; 0 picks a free one
 * @param mockPort the mock APIs port; 0 picks a free one; -1 starts no mock server
 * @param maxJsonBytes the largest JSON body accepted (413 beyond)
 * @param maxFileBytes the largest file body accepted (413 beyond)
 * @param defaultRateLimit the rate limit of tenants that set none
 * @param tokenTtl how long access tokens live, in sandbox time
 * @param trafficCapacity how many requests the traffic log keeps
 * @param marketplace the marketplace registry folder served at {@code GET /v1/marketplace/plugins};
 *     {@code null} means {@code <workspace>/.sandbox/marketplace} (none for an in-memory engine)
 */
public record EngineConfig(
    Path workspace,
    boolean inMemory,
    String host,
    int port,
    int mockPort,
    long maxJsonBytes,
    long maxFileBytes,
    RateLimit defaultRateLimit,
    Duration tokenTtl,
    int trafficCapacity,
    Path marketplace) {

  public static final int DEFAULT_PORT = 8787;
  public static final int DEFAULT_MOCK_PORT = 8788;

  public static EngineConfig defaults() {
    return new EngineConfig(
        Path.of("."),
        false,
        "127.0.0.1",
        DEFAULT_PORT,
        DEFAULT_MOCK_PORT,
        1024 * 1024,
        10 * 1024 * 1024,
        RateLimit.DEFAULT,
        Duration.ofHours(1),
        1000,
        null);
  }

  /** An in-memory engine on free ports: what tests and the SDK's extension use. */
  public static EngineConfig ephemeral() {
    return defaults().withInMemory(true).withPort(0).withMockPort(0);
  }

  public EngineConfig withWorkspace(Path workspace) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withInMemory(boolean inMemory) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withHost(String host) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withPort(int port) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withMockPort(int mockPort) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withMaxJsonBytes(long maxJsonBytes) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withMaxFileBytes(long maxFileBytes) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withDefaultRateLimit(RateLimit rateLimit) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, rateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withTokenTtl(Duration tokenTtl) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  public EngineConfig withMarketplaceDir(Path marketplace) {
    return new EngineConfig(workspace, inMemory, host, port, mockPort, maxJsonBytes, maxFileBytes, defaultRateLimit, tokenTtl, trafficCapacity, marketplace);
  }

  /** The registry the engine serves: the one configured, else the workspace's; {@code null} in memory without one. */
  public Path marketplaceDir() {
    if (marketplace != null) {
      return marketplace.toAbsolutePath().normalize();
    }
    return inMemory ? null : stateDir().resolve("marketplace");
  }

  /** {@code <workspace>/.sandbox}, where a durable engine keeps its state. */
  public Path stateDir() {
    return workspace.toAbsolutePath().normalize().resolve(".sandbox");
  }
}
