package io.platformsandbox.engine.plugins.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime against a real engine with a real plugin process: what it registers, gives and removes. */
class PluginRuntimeTest {
  @TempDir Path dir;

  @Test
  void givesThePlatformEnvironmentAndCleansUpOnStop() throws Exception {
    Files.writeString(dir.resolve("plugin.yaml"), """
        id: test.env
        name: Env
        version: 0.1.0
        publisher: test
        platform: "^1.0"
        runtime: {command: [python3, env.py]}
        scopes: [records:read]
        events: [record.created]
        webhook: /hook
        egress: [{host: api.crm.example, purpose: test}]
        """);
    Files.writeString(dir.resolve("env.py"), """
        import http.server, json, os
        NAMES = ["PORT", "PLATFORM_API_URL", "PLATFORM_CLIENT_ID", "PLATFORM_TENANT", "HTTP_PROXY", "HTTPS_PROXY",
                 "NO_PROXY", "PLATFORM_SANDBOX", "PLATFORM_WEBHOOK_SECRET", "PLATFORM_CLIENT_SECRET"]
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({n: os.environ.get(n) for n in NAMES}).encode()
                self.send_response(200); self.end_headers(); self.wfile.write(body)
        http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
        """);
    try (Engine engine = Engine.create(EngineConfig.ephemeral()).start()) {
      engine.awaitMocks();
      SandboxHttp http = new SandboxHttp(engine.apiUrl(), engine.mockUrl());
      PluginRuntime runtime = new PluginRuntime(http);
      RunningPlugin p = runtime.start(ManifestParser.read(dir), PluginRuntime.Options.of("acme"));

      JsonNode env = http.send("GET", p.baseUrl() + "/env", null, null, Map.of(), Duration.ofSeconds(5)).json();
      assertThat(env.path("PORT").asText()).isEqualTo(Integer.toString(p.port()));
      assertThat(env.path("PLATFORM_API_URL").asText()).isEqualTo(engine.apiUrl());
      assertThat(env.path("PLATFORM_TENANT").asText()).isEqualTo("acme");
      assertThat(env.path("PLATFORM_CLIENT_ID").asText()).isEqualTo(p.registration().clientId());
      assertThat(env.path("PLATFORM_CLIENT_SECRET").asText()).isEqualTo(p.registration().clientSecret());
      assertThat(env.path("PLATFORM_WEBHOOK_SECRET").asText()).isEqualTo(p.registration().webhookSecret()).isNotEmpty();
      assertThat(env.path("HTTP_PROXY").asText()).contains("test.env:").endsWith(engine.mockUrl().replace("http://", "@"));
      assertThat(env.path("NO_PROXY").asText()).isEqualTo("127.0.0.1,localhost");
      assertThat(env.path("PLATFORM_SANDBOX").asText()).isEqualTo("1");

      JsonNode app = http.api("GET", "/_sandbox/apps/" + p.registration().clientId(), null).expectOk("app").json();
      assertThat(app.path("scopes")).extracting(JsonNode::asText).containsExactly("records:read");
      assertThat(http.mock("GET", "/__sandbox/identities", null).body()).contains("test.env");

      RunningPlugin.StopResult stop = runtime.stop(p);

      assertThat(stop.graceful()).isTrue();
      assertThat(http.api("DELETE", "/_sandbox/webhooks/" + p.registration().webhookId(), null).status()).as("already removed").isEqualTo(404);
      await().atMost(Duration.ofSeconds(5)).until(() -> !http.mock("GET", "/__sandbox/identities", null).body().contains("test.env"));
    }
  }

  @Test
  void aRunAgainReusesTheAppWhileTheScopesAreTheSame() throws Exception {
    Files.writeString(dir.resolve("server.py"), SERVER);
    writeManifest("[records:read]");
    try (Engine engine = Engine.create(EngineConfig.ephemeral()).start()) {
      engine.awaitMocks();
      SandboxHttp http = new SandboxHttp(engine.apiUrl(), engine.mockUrl());
      PluginRuntime runtime = new PluginRuntime(http);

      RunningPlugin first = runtime.start(ManifestParser.read(dir), PluginRuntime.Options.of("acme"));
      runtime.stop(first);
      RunningPlugin second = runtime.start(ManifestParser.read(dir), PluginRuntime.Options.of("acme"));
      runtime.stop(second);
      writeManifest("[records:read, records:write]");
      RunningPlugin third = runtime.start(ManifestParser.read(dir), PluginRuntime.Options.of("acme"));
      runtime.stop(third);

      assertThat(second.registration().clientId()).isEqualTo(first.registration().clientId());
      assertThat(third.registration().clientId()).isNotEqualTo(first.registration().clientId());
      JsonNode apps = http.api("GET", "/_sandbox/apps?tenant=acme", null).json().path("data");
      assertThat(apps).extracting(a -> a.path("client_id").asText()).containsExactly(third.registration().clientId());
    }
  }

  @Test
  void anInterruptedStartGivesUpPromptly() throws Exception {
    Files.writeString(dir.resolve("server.py"), "import time\nwhile True: time.sleep(1)\n");
    writeManifest("[]");
    try (Engine engine = Engine.create(EngineConfig.ephemeral()).start()) {
      engine.awaitMocks();
      PluginRuntime runtime = new PluginRuntime(new SandboxHttp(engine.apiUrl(), engine.mockUrl()));
      java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
      java.util.concurrent.CountDownLatch launched = new java.util.concurrent.CountDownLatch(1);
      PluginRuntime.Options options = PluginRuntime.Options.of("acme").withListener(line -> launched.countDown());
      Thread starter = new Thread(() -> {
        try {
          runtime.start(ManifestParser.read(dir), options);
          outcome.complete(null);
        } catch (Exception e) {
          outcome.complete(e);
        }
      });
      starter.start();
      assertThat(launched.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the command was launched").isTrue();
      starter.interrupt();

      Throwable t = outcome.get(25, java.util.concurrent.TimeUnit.SECONDS);
      // "cancelled", not "not healthy within start_timeout_s": the interrupt ended the wait.
      assertThat(t).isInstanceOf(PluginStartException.class).hasMessageContaining("cancelled");
    }
  }

  private static final String SERVER = """
      import http.server, os
      class H(http.server.BaseHTTPRequestHandler):
          def do_GET(self):
              self.send_response(200); self.end_headers()
      http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
      """;

  private void writeManifest(String scopes) throws Exception {
    Files.writeString(dir.resolve("plugin.yaml"), """
        id: test.again
        name: Again
        version: 0.1.0
        publisher: test
        platform: "^1.0"
        runtime: {command: [python3, server.py], start_timeout_s: 30}
        scopes: %s
        """.formatted(scopes));
  }
}
