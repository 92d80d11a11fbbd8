package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.runtime.PluginRuntime;
import io.platformsandbox.engine.plugins.runtime.PluginStartException;
import io.platformsandbox.engine.plugins.runtime.RunningPlugin;
import io.platformsandbox.engine.plugins.runtime.SandboxHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code run} and {@code install} share: a sandbox (started here, or a running one reached by
 * {@code --url}), plugins started in it with their output on the console, and a clean stop of all of
 * it on Ctrl-C or SIGTERM.
 */
final class PluginHost {
  /** The options that say which sandbox to run plugins in. */
  static final class Options {
    @Option(names = "--tenant", paramLabel = "T", description = "Tenant to run in; created (with the plugin's fixtures) when new (default: ${DEFAULT-VALUE}).")
    String tenant = "dev";

    @Option(names = "--url", paramLabel = "URL", description = "Use the sandbox already serving at URL (e.g. http://127.0.0.1:8787) instead of starting one.")
    String url;

    @Mixin SandboxOptions sandbox = new SandboxOptions();
  }

  private final Console console;
  private final Options options;
  private volatile boolean stopping;

  PluginHost(Console console, Options options) {
    this.console = console;
    this.options = options;
  }

  /** Starts the sandbox (unless attached) and every plugin, then waits for Ctrl-C or for all of them to end. */
  int run(List<Manifest> manifests) throws InterruptedException {
    Engine engine = null;
    SandboxHttp sandbox;
    if (options.url != null) {
      sandbox = attach(options.url);
      if (sandbox == null) {
        return 1;
      }
    } else {
      if (options.sandbox.problem() != null) {
        console.error("error: " + options.sandbox.problem());
        return 2;
      }
      engine = Engine.create(options.sandbox.config());
      try {
        engine.start();
        engine.awaitMocks();
      } catch (RuntimeException e) {
        engine.close();
        console.error("error: the sandbox did not start: " + e.getMessage()
            + (options.sandbox.port != 0 ? " (is a sandbox already running? use --url http://127.0.0.1:" + options.sandbox.port + ")" : ""));
        return 1;
      }
      console.line("Platform API listening on " + engine.apiUrl());
      console.line("Mock APIs listening on " + engine.mockUrl());
      sandbox = new SandboxHttp(engine.apiUrl(), engine.mockUrl());
    }
    Path logDir = options.sandbox.inMemory || options.url != null ? null : options.sandbox.workspace.toAbsolutePath().normalize().resolve(".sandbox").resolve("logs");
    PluginRuntime runtime = new PluginRuntime(sandbox);
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch allExited = new CountDownLatch(1);
    Engine owned = engine;
    Thread hook = new Thread(() -> {
      stopping = true;
      for (RunningPlugin p : runtime.running()) {
        RunningPlugin.StopResult r = runtime.stop(p);
        console.line("Stopped " + p.id() + describe(r));
      }
      if (owned != null) {
        owned.close();
      }
      done.countDown();
      allExited.countDown();
    }, "sandbox-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    AtomicInteger alive = new AtomicInteger();
    for (Manifest m : manifests) {
      PluginRuntime.Options o = PluginRuntime.Options.of(options.tenant)
          .withLogDir(logDir)
          .withListener(line -> console.line("[" + m.id() + "] " + line.text()));
      try {
        RunningPlugin p = runtime.start(m, o);
        alive.incrementAndGet();
        console.line("Started " + m.id() + " " + m.version() + " (pid " + p.pid() + ") on " + p.baseUrl()
            + " in tenant " + options.tenant + (logDir == null ? "" : "; log: " + logDir.resolve(m.id() + ".log")));
        watch(p, alive, allExited);
      } catch (PluginStartException e) {
        console.error("error: " + m.id() + ": " + e.describe());
      }
    }
    if (alive.get() == 0) {
      console.error("No plugin is running.");
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
      return 1;
    }
    console.line("Press Ctrl-C to stop.");
    allExited.await();
    if (done.getCount() == 0) {
      return 0; // stopped by Ctrl-C or SIGTERM
    }
    console.error("No plugin is running; stopping the sandbox.");
    Runtime.getRuntime().removeShutdownHook(hook);
    hook.run();
    return 1;
  }

  /** Reports a plugin that exits on its own; counts down {@code allExited} when none is left. */
  private void watch(RunningPlugin p, AtomicInteger alive, CountDownLatch allExited) {
    Thread t = new Thread(() -> {
      try {
        while (p.awaitExit(Duration.ofSeconds(1)).isEmpty()) {
          // keep waiting
        }
      } catch (InterruptedException e) {
        return;
      }
      if (p.exitCode().isPresent() && !stopping) {
        console.error("error: " + p.id() + " exited with code " + p.exitCode().get() + "; last lines:");
        p.log().last(10).forEach(l -> console.error("    " + l));
        if (alive.decrementAndGet() == 0) {
          allExited.countDown();
        }
      }
    }, "watch-" + p.id());
    t.setDaemon(true);
    t.start();
  }

  private SandboxHttp attach(String url) {
    try {
      SandboxHttp probe = new SandboxHttp(url, url);
      var info = probe.api("GET", "/_sandbox/info", null).expectOk("Reading " + url + "/_sandbox/info").json();
      if (info.path("mock_url").isNull() || info.path("mock_url").isMissingNode()) {
        console.error("error: the sandbox at " + url + " has no mock APIs running");
        return null;
      }
      return new SandboxHttp(url, info.path("mock_url").asText());
    } catch (SandboxHttp.SandboxHttpException e) {
      console.error("error: no sandbox at " + url + ": " + e.getMessage());
      return null;
    }
  }

  static String describe(RunningPlugin.StopResult r) {
    return " (" + (r.exitCode() == null ? "no exit code" : "exit code " + r.exitCode())
        + (r.graceful() ? "" : ", killed after " + RunningPlugin.STOP_GRACE.toSeconds() + " s")
        + ", " + r.took().toMillis() + " ms)";
  }
}
