package io.platformsandbox.engine.plugins.runtime;

import io.platformsandbox.engine.plugins.manifest.Manifest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A plugin process started by {@link PluginRuntime}, with what the sandbox registered for it.
 * Thread-safe.
 */
public final class RunningPlugin {
  /** How long a plugin gets between SIGTERM and a kill (DESIGN §5). */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Manifest manifest;
  private final String tenant;
  private final int port;
  private final Registration registration;
  private final Process process;
  private final PluginLog log;
  private volatile StopResult stopped;

  /** What the sandbox registered for the plugin: its app, webhook and egress identity. */
  public record Registration(
      String clientId, String clientSecret, String webhookId, String webhookSecret, Map<String, String> proxyEnvironment) {}

  /** How a stop went: exit code, whether it exited within the grace period, and how long it took. */
  public record StopResult(Integer exitCode, boolean graceful, Duration took) {}

  RunningPlugin(Manifest manifest, String tenant, int port, Registration registration, Process process, PluginLog log) {
    this.manifest = manifest;
    this.tenant = tenant;
    this.port = port;
    this.registration = registration;
    this.process = process;
    this.log = log;
  }

  public Manifest manifest() {
    return manifest;
  }

  public String id() {
    return manifest.id();
  }

  public String tenant() {
    return tenant;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Registration registration() {
    return registration;
  }

  public PluginLog log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code once the process has ended. */
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** Waits for the process to end on its own (a crash, or a plugin that finishes). */
  public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
  }

  /** SIGTERM, then a kill (with its children) after {@link #STOP_GRACE}. Idempotent. */
  public synchronized StopResult stop() {
    if (stopped != null) {
      return stopped;
    }
    long start = System.nanoTime();
    boolean graceful = true;
    if (process.isAlive()) {
      process.destroy();
      try {
        graceful = process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        if (!graceful) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    Integer code = process.isAlive() ? null : process.exitValue();
    stopped = new StopResult(code, graceful, Duration.ofNanos(System.nanoTime() - start));
    log.close();
    return stopped;
  }
}
