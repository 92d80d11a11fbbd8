package io.platformsandbox.bench;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Where engine start-up time goes, in a fresh JVM (run by {@link Bench} as a child process).
 * Arguments: {@code mocks|no-mocks [workspace]}. Prints one line: {@code jvm_to_main_ms
 * start_ms ready_ms}: how long {@code Engine.create(config).start()} took, with or without the mock
 * APIs server (WireMock), and how long until the mock server was up as well.
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    EngineConfig config = EngineConfig.defaults().withPort(0).withMockPort(args[0].equals("mocks") ? 0 : -1);
    config = args.length > 1 ? config.withWorkspace(Path.of(args[1])) : config.withInMemory(true);
    long t0 = System.nanoTime();
    Engine engine = Engine.create(config).start();
    long t1 = System.nanoTime();
    engine.mockPort(); // the mock server may start beside the API: wait until it is up too
    long t2 = System.nanoTime();
    System.out.printf("%d %d %d%n", mainAt - jvmStart, (t1 - t0) / 1_000_000, (t2 - t0) / 1_000_000);
    System.out.flush();
    engine.close();
    System.exit(0);
  }
}
