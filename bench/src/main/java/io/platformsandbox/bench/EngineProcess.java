package io.platformsandbox.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sandbox serve} as a real child process, started the way the {@code ./sandbox} launcher
 * starts it ({@code java $SANDBOX_JAVA_OPTS -cp <engine classes + runtime classpath> SandboxCli
 * serve ...}), or through the launcher script itself when asked. Reads stdout for the port lines,
 * stderr goes to a log file.
 */
final class EngineProcess implements AutoCloseable {
  private static final Pattern API = Pattern.compile("Platform API listening on http://([^:/]+):(\\d+)");
  private static final Pattern MOCK = Pattern.compile("Mock APIs listening on http://([^:/]+):(\\d+)");

  /** Engines still running, stopped by a shutdown hook if the bench itself is stopped. */
  private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "stop-engines"));
  }

  final Process process;
  final long spawnedNanos;
  final long portLineNanos;
  final long healthyNanos;
  final int port;
  final int mockPort;
  final Path log;

  private EngineProcess(Process process, long spawnedNanos, long portLineNanos, long healthyNanos, int port, int mockPort, Path log) {
    this.process = process;
    this.spawnedNanos = spawnedNanos;
    this.portLineNanos = portLineNanos;
    this.healthyNanos = healthyNanos;
    this.port = port;
    this.mockPort = mockPort;
    this.log = log;
  }

  /** The command that starts the engine: the launcher's own {@code exec} line, or the launcher. */
  static List<String> command(BenchConfig cfg, List<String> serveArgs) {
    List<String> cmd = new ArrayList<>();
    if (cfg.useLauncher()) {
      cmd.add(cfg.repo().resolve("sandbox").toString());
    } else {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String opt : cfg.engineJavaOpts().trim().split("\\s+")) {
        if (!opt.isEmpty()) {
          cmd.add(opt);
        }
      }
      cmd.add("-cp");
      cmd.add(cfg.engineClasspath());
      cmd.add("io.platformsandbox.engine.cli.SandboxCli");
    }
    cmd.add("serve");
    cmd.addAll(serveArgs);
    return cmd;
  }

  /** Spawns the engine and returns once {@code /_sandbox/health} answered 200. */
  static EngineProcess start(BenchConfig cfg, List<String> serveArgs, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command(cfg, serveArgs));
    pb.redirectErrorStream(false);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (cfg.useLauncher()) {
      pb.environment().put("SANDBOX_JAVA_OPTS", cfg.engineJavaOpts());
    }
    long t0 = System.nanoTime();
    Process p = pb.start();
    LIVE.add(p);
    // The API port line is enough to start polling health (the mock server may come up later).
    CompletableFuture<Integer> apiPort = new CompletableFuture<>();
    CompletableFuture<Integer> mockPort = new CompletableFuture<>();
    long[] portLineAt = new long[1];
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = API.matcher(line);
                  if (m.find()) {
                    portLineAt[0] = System.nanoTime();
                    apiPort.complete(Integer.parseInt(m.group(2)));
                  }
                  Matcher mm = MOCK.matcher(line);
                  if (mm.find()) {
                    mockPort.complete(Integer.parseInt(mm.group(2)));
                  }
                  Files.writeString(log, "[stdout] " + line + "\n", StandardCharsets.UTF_8,
                      java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
              } catch (IOException e) {
                // process gone
              }
              apiPort.complete(-1);
              mockPort.complete(-1);
            },
            "engine-stdout");
    reader.setDaemon(true);
    reader.start();
    int port;
    try {
      port = apiPort.get(cfg.startTimeoutSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("engine did not print its port within " + cfg.startTimeoutSeconds() + " s; see " + log, e);
    }
    if (port < 0) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("engine exited before listening: " + tail(log, 5) + " (log: " + log + ")");
    }
    long healthy = waitHealthy(port, t0 + TimeUnit.SECONDS.toNanos(cfg.startTimeoutSeconds()));
    int mock;
    try {
      mock = mockPort.get(cfg.startTimeoutSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      mock = -1;
    }
    EngineProcess started = new EngineProcess(p, t0, portLineAt[0], healthy, port, mock, log);
    return started;
  }

  /** Polls health every millisecond until 200; returns when that 200 arrived (System.nanoTime). */
  private static long waitHealthy(int port, long deadline) throws Exception {
    byte[] req = RawHttp.request("GET", "127.0.0.1", port, "/_sandbox/health", null, null, null);
    while (true) {
      try (RawHttp http = new RawHttp("127.0.0.1", port)) {
        if (http.exchange(req, false).status() == 200) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("engine on port " + port + " never answered 200 on /_sandbox/health");
      }
      Thread.sleep(1);
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log)";
    }
  }

  double startupSeconds() {
    return (healthyNanos - spawnedNanos) / 1e9;
  }

  double portLineSeconds() {
    return (portLineNanos - spawnedNanos) / 1e9;
  }

  /** The JVM's pid: with the launcher, bash {@code exec}s java, so it is the same process. */
  long pid() {
    return process.pid();
  }

  String apiBase() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    LIVE.remove(process);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
