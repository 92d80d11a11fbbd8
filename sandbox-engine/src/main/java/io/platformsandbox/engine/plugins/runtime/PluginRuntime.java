package io.platformsandbox.engine.plugins.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs plugins against a sandbox (DESIGN §5): builds, registers an app with exactly the manifest's
 * scopes, subscribes its webhook, gives it an egress identity and its mocks, starts its command with
 * the platform environment, and waits for health. Several plugins can run at once. Thread-safe.
 */
public final class PluginRuntime implements AutoCloseable {
  private static final int LAST_LINES = 20;

  private final SandboxHttp sandbox;
  private final List<RunningPlugin> running = new CopyOnWriteArrayList<>();

  public PluginRuntime(SandboxHttp sandbox) {
    this.sandbox = sandbox;
  }

  /** What to do with the manifest's fixtures when starting. */
  public enum Fixtures {
    /** Load them when the tenant is created by this run (a fresh tenant), else leave the tenant as it is. */
    IF_NEW_TENANT,
    /** The caller seeds the tenant itself (the validator does, with canary values). */
    NONE
  }

  /**
   * How to start a plugin.
   *
   * @param logDir where {@code <plugin id>.log} is appended, or null to keep the log in memory only
   * @param listener gets every output line as it comes (a console), or null
   */
  public record Options(String tenant, Path logDir, Fixtures fixtures, Consumer<PluginLog.Line> listener) {
    public static Options of(String tenant) {
      return new Options(tenant, null, Fixtures.IF_NEW_TENANT, null);
    }

    public Options withLogDir(Path dir) {
      return new Options(tenant, dir, fixtures, listener);
    }

    public Options withFixtures(Fixtures mode) {
      return new Options(tenant, logDir, mode, listener);
    }

    public Options withListener(Consumer<PluginLog.Line> l) {
      return new Options(tenant, logDir, fixtures, l);
    }
  }

  public SandboxHttp sandbox() {
    return sandbox;
  }

  public List<RunningPlugin> running() {
    return List.copyOf(running);
  }

  /** Starts the plugin and returns once its health check answers 200. */
  public RunningPlugin start(Manifest m, Options options) throws PluginStartException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(m.runtime().startTimeoutS());
    PluginLog log = new PluginLog(options.logDir() == null ? null : options.logDir().resolve(m.id() + ".log"));
    if (options.listener() != null) {
      log.onLine(options.listener());
    }
    try {
      boolean newTenant = ensureTenant(options.tenant());
      if (newTenant && options.fixtures() == Fixtures.IF_NEW_TENANT && m.fixtures().isPresent()) {
        loadFixtures(m, options.tenant());
      }
      if (!m.runtime().build().isEmpty()) {
        build(m, log, deadline);
      }
      int port = freePort();
      RunningPlugin.Registration registration = register(m, options.tenant(), port);
      Process process = launch(m, options.tenant(), port, registration, log);
      RunningPlugin plugin = new RunningPlugin(m, options.tenant(), port, registration, process, log);
      awaitHealthy(plugin, deadline);
      running.add(plugin);
      return plugin;
    } catch (SandboxHttp.SandboxHttpException | IOException e) {
      log.close();
      throw new PluginStartException("could not set up " + m.id() + ": " + e.getMessage(), null, log.last(LAST_LINES));
    }
  }

  /**
   * Stops one plugin (SIGTERM, then a kill after 10 s), then removes its webhook and egress identity
   * so that the sandbox stops delivering to a port nobody listens on. Its app stays, so that its
   * traffic and audit entries keep their name.
   */
  public RunningPlugin.StopResult stop(RunningPlugin plugin) {
    running.remove(plugin);
    RunningPlugin.StopResult result = plugin.stop();
    try {
      if (plugin.registration().webhookId() != null) {
        sandbox.api("DELETE", "/_sandbox/webhooks/" + plugin.registration().webhookId(), null);
      }
      sandbox.mock("DELETE", "/__sandbox/identities/" + plugin.id(), null);
    } catch (SandboxHttp.SandboxHttpException e) {
      // The sandbox is gone too: nothing left to clean up.
    }
    return result;
  }

  @Override
  public void close() {
    running().parallelStream().forEach(this::stop);
  }

  private boolean ensureTenant(String tenant) {
    SandboxHttp.Reply r = sandbox.api("POST", "/_sandbox/tenants", Map.of("id", tenant, "name", tenant));
    if (r.status() == 409) {
      return false;
    }
    r.expectOk("Creating tenant " + tenant);
    return true;
  }

  private void loadFixtures(Manifest m, String tenant) throws IOException {
    Path file = m.resolve(m.fixtures().orElseThrow());
    byte[] body = Files.readAllBytes(file);
    String type = file.toString().endsWith(".json") ? "application/json" : "application/yaml";
    sandbox.send("POST", sandbox.apiUrl() + "/_sandbox/fixtures?tenant=" + SandboxHttp.query(tenant), body, type, Map.of())
        .expectOk("Loading fixtures " + m.fixtures().get());
  }

  private void build(Manifest m, PluginLog log, long deadline) throws PluginStartException, IOException {
    log.add("build", "$ " + String.join(" ", m.runtime().build()));
    ProcessBuilder pb = new ProcessBuilder(m.runtime().build()).directory(m.dir().toFile()).redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new PluginStartException("the build command could not start: " + e.getMessage(), null, log.last(LAST_LINES));
    }
    Thread pump = log.pump(p.getInputStream(), "build", "build-" + m.id());
    try {
      if (!p.waitFor(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new PluginStartException("the build did not finish within start_timeout_s (" + m.runtime().startTimeoutS() + " s)",
            null, log.last(LAST_LINES));
      }
      pump.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new PluginStartException("interrupted while building", null, log.last(LAST_LINES));
    }
    if (p.exitValue() != 0) {
      throw new PluginStartException("the build failed with exit code " + p.exitValue(), p.exitValue(), log.last(LAST_LINES));
    }
  }

  private RunningPlugin.Registration register(Manifest m, String tenant, int port) {
    JsonNode app = app(m, tenant);
    String clientId = app.path("client_id").asText();
    String webhookId = null;
    String webhookSecret = "";
    if (!m.events().isEmpty() && m.webhook().isPresent()) {
      JsonNode hook = sandbox.api("POST", "/_sandbox/webhooks",
              Map.of("client_id", clientId, "url", "http://127.0.0.1:" + port + m.webhook().get(), "events", m.events()))
          .expectOk("Subscribing the webhook of " + m.id()).json();
      webhookId = hook.path("id").asText();
      webhookSecret = hook.path("secret").asText();
    }
    JsonNode identity = sandbox.mock("POST", "/__sandbox/identities", Map.of("plugin_id", m.id(), "egress_hosts", m.egressHosts()))
        .expectOk("Registering the egress identity of " + m.id()).json();
    Map<String, String> proxyEnv = new HashMap<>();
    identity.path("environment").fields().forEachRemaining(e -> proxyEnv.put(e.getKey(), e.getValue().asText()));
    if (m.mocks().isPresent() && Files.isDirectory(m.resolve(m.mocks().get()))) {
      ObjectNode set = Json.object();
      set.put("name", m.id());
      set.put("folder", m.resolve(m.mocks().get()).toString());
      if (m.egress().size() == 1) {
        set.put("host", m.egress().get(0).host());
      }
      sandbox.mock("POST", "/__sandbox/stub-sets", set).expectOk("Loading the mocks of " + m.id());
    }
    return new RunningPlugin.Registration(clientId, app.path("client_secret").asText(), webhookId, webhookSecret, proxyEnv);
  }

  /**
   * The plugin's app in the tenant: the one an earlier run registered when its scopes are still
   * exactly the manifest's (so that runs do not pile up apps), else a new one (an outdated one is
   * removed).
   */
  private JsonNode app(Manifest m, String tenant) {
    JsonNode apps = sandbox.api("GET", "/_sandbox/apps?tenant=" + SandboxHttp.query(tenant), null).expectOk("Listing apps").json();
    for (JsonNode a : apps.path("data")) {
      if (!a.path("name").asText().equals(m.id())) {
        continue;
      }
      Set<String> scopes = new HashSet<>();
      a.path("scopes").forEach(s -> scopes.add(s.asText()));
      if (scopes.equals(new HashSet<>(m.scopes())) && a.hasNonNull("client_secret")) {
        return a;
      }
      sandbox.api("DELETE", "/_sandbox/apps/" + a.path("client_id").asText(), null);
    }
    Map<String, Object> body = new HashMap<>();
    body.put("tenant", tenant);
    body.put("name", m.id());
    body.put("scopes", m.scopes());
    return sandbox.api("POST", "/_sandbox/apps", body).expectOk("Registering the app of " + m.id()).json();
  }

  private Process launch(Manifest m, String tenant, int port, RunningPlugin.Registration reg, PluginLog log)
      throws PluginStartException {
    ProcessBuilder pb = new ProcessBuilder(m.runtime().command()).directory(m.dir().toFile());
    Map<String, String> env = pb.environment();
    env.putAll(reg.proxyEnvironment());
    env.put("PORT", Integer.toString(port));
    env.put("PLATFORM_API_URL", sandbox.apiUrl());
    env.put("PLATFORM_CLIENT_ID", reg.clientId());
    env.put("PLATFORM_CLIENT_SECRET", reg.clientSecret());
    env.put("PLATFORM_TENANT", tenant);
    env.put("PLATFORM_WEBHOOK_SECRET", reg.webhookSecret());
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("no_proxy", "127.0.0.1,localhost");
    env.put("PLATFORM_SANDBOX", "1");
    env.put("PYTHONUNBUFFERED", "1");
    log.add("stdout", "$ " + String.join(" ", m.runtime().command()) + "   (port " + port + ")");
    try {
      Process p = pb.start();
      log.pump(p.getInputStream(), "stdout", "stdout-" + m.id());
      log.pump(p.getErrorStream(), "stderr", "stderr-" + m.id());
      return p;
    } catch (IOException e) {
      throw new PluginStartException("the command could not start: " + e.getMessage(), null, log.last(LAST_LINES));
    }
  }

  private void awaitHealthy(RunningPlugin plugin, long deadline) throws PluginStartException {
    Manifest m = plugin.manifest();
    String url = plugin.baseUrl() + m.runtime().health();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (Thread.currentThread().isInterrupted()) {
        plugin.stop();
        throw new PluginStartException("the start of " + m.id() + " was cancelled", null, plugin.log().last(LAST_LINES));
      }
      if (!plugin.isAlive()) {
        int code = plugin.exitCode().orElse(-1);
        sleep(100); // let the pumps catch the last lines
        throw new PluginStartException(m.id() + " exited with code " + code + " before it was healthy", code,
            plugin.log().last(LAST_LINES));
      }
      try {
        SandboxHttp.Reply r = sandbox.send("GET", url, null, null, Map.of(), Duration.ofSeconds(1));
        if (r.status() == 200) {
          return;
        }
        last = "last answer " + r.status();
      } catch (SandboxHttp.SandboxHttpException e) {
        last = "not answering yet";
      }
      sleep(100);
    }
    plugin.stop();
    throw new PluginStartException(m.id() + " was not healthy within start_timeout_s (" + m.runtime().startTimeoutS()
        + " s): GET " + m.runtime().health() + " " + last, null, plugin.log().last(LAST_LINES));
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Sleeps; an interrupt is kept (the health loop checks it and gives up). */
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
