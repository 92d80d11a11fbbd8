package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where a sandbox keeps its state and which ports it takes ({@code serve}, {@code run}, {@code install}). */
final class SandboxOptions {
  @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder; state goes to DIR/.sandbox (default: current folder).")
  Path workspace = Path.of(".");

  @Option(names = "--in-memory", description = "Keep everything in memory; write no files.")
  boolean inMemory;

  @Option(names = "--port", paramLabel = "N", description = "Platform API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = EngineConfig.DEFAULT_PORT;

  @Option(names = "--mock-port", paramLabel = "M", description = "Mock APIs port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int mockPort = EngineConfig.DEFAULT_MOCK_PORT;

  /** A problem with the values, or null. */
  String problem() {
    return port < 0 || port > 65535 || mockPort < 0 || mockPort > 65535 ? "ports must be from 0 to 65535" : null;
  }

  EngineConfig config() {
    return EngineConfig.defaults().withWorkspace(workspace).withInMemory(inMemory).withPort(port).withMockPort(mockPort);
  }
}
