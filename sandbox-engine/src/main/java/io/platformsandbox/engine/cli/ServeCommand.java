package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sandbox serve}: the headless engine, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the sandbox headless: Platform API, control API and mock APIs.")
final class ServeCommand implements Callable<Integer> {
  private final Console console;

  @Mixin SandboxOptions sandbox = new SandboxOptions();

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host = "127.0.0.1";

  ServeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    if (sandbox.problem() != null) {
      console.error("error: " + sandbox.problem());
      return 2;
    }
    EngineConfig config = sandbox.config().withHost(host);
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
        sandbox.inMemory
            ? "State: in memory (nothing is written)"
            : "State: " + config.stateDir());
    console.line("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
