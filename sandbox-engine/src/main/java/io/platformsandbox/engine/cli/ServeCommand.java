package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox serve}: the headless engine, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the sandbox headless: Platform API, control API and mock APIs.")
final class ServeCommand implements Callable<Integer> {
  private final Console console;

  @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder; state goes to DIR/.sandbox (default: current folder).")
  Path workspace = Path.of(".");

  @Option(names = "--in-memory", description = "Keep everything in memory; write no files.")
  boolean inMemory;

  @Option(names = "--port", paramLabel = "N", description = "Platform API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = EngineConfig.DEFAULT_PORT;

  @Option(names = "--mock-port", paramLabel = "M", description = "Mock APIs port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int mockPort = EngineConfig.DEFAULT_MOCK_PORT;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host = "127.0.0.1";

  ServeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535 || mockPort < 0 || mockPort > 65535) {
      console.error("error: ports must be from 0 to 65535");
      return 2;
    }
    EngineConfig config =
        EngineConfig.defaults()
            .withWorkspace(workspace)
            .withInMemory(inMemory)
            .withHost(host)
            .withPort(port)
            .withMockPort(mockPort);
    Engine engine = Engine.create(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              try {
                engine.close();
                console.line("Sandbox stopped.");
              } catch (Throwable e) {
                console.error("error while stopping: " + e);
              } finally {
                stopped.countDown();
              }
            },
            "sandbox-shutdown");
    try {
      engine.start();
    } catch (RuntimeException e) {
      console.error("error: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(hook);
    console.line("Platform API listening on " + engine.apiUrl());
    try {
      console.line("Mock APIs listening on " + engine.mockUrl());
    } catch (IllegalStateException e) {
      console.error("error: " + e.getMessage());
      return 1;
    }
    console.line(
        inMemory
            ? "State: in memory (nothing is written)"
            : "State: " + config.stateDir());
    console.line("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
