package io.platformsandbox.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.SandboxProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher's journey from README, headless: validate, package, verify, publish, install, run, crash. */
class PluginJourneyTest {
  private static final Path SAMPLE = Path.of("../sample-projects/crm-sync-python");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console =
      new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @TempDir Path work;

  @Test
  void validatePackageVerifyPublishInstall() throws Exception {
    Path plugin = copy(SAMPLE, work.resolve("crm-sync-python"));
    Path keys = work.resolve("keys");
    Path registry = work.resolve("registry");

    assertThat(sandbox("keys", "generate", "--keys-dir", keys.toString())).isZero();
    assertThat(sandbox("package", plugin.toString(), "--keys-dir", keys.toString())).as("no report yet").isEqualTo(1);
    assertThat(err.toString()).contains("report");

    assertThat(sandbox("validate", plugin.toString())).as(out.toString()).isZero();
    assertThat(out.toString()).contains("  PASS M01").contains("  PASS T01").contains("PASS acme.crm-sync-python 1.0.0");
    assertThat(plugin.resolve(".sandbox/report/report.json")).exists();
    assertThat(plugin.resolve(".sandbox/report/report.html")).exists();
    assertThat(Files.readString(plugin.resolve(".sandbox/report/junit.xml"))).contains("<testcase").contains("T01 Every scenario passes");

    assertThat(sandbox("package", plugin.toString(), "--keys-dir", keys.toString())).as(err.toString()).isZero();
    Path bundle = plugin.resolve(".sandbox/dist/acme.crm-sync-python-1.0.0.plugin.zip");
    assertThat(sandbox("verify", bundle.toString())).as(err.toString()).isZero();
    assertThat(sandbox("publish", bundle.toString(), "--registry", registry.toString())).as(err.toString()).isZero();

    Path workspace = Files.createDirectories(work.resolve("workspace"));
    try (SandboxProcess p = SandboxProcess.start(work.resolve("install.log"), "install", "acme.crm-sync-python@1.0.0",
        "--registry", registry.toString(), "--tenant", "acme", "--workspace", workspace.toString(), "--port", "0", "--mock-port", "0")) {
      p.awaitLine("Started acme.crm-sync-python 1.0.0", 60);
      assertThat(workspace.resolve(".sandbox/plugins/acme.crm-sync-python/1.0.0/plugin.yaml")).exists();
      assertThat(p.terminate()).as("exit code after SIGTERM").isIn(0, 143);
      p.awaitLine("Stopped acme.crm-sync-python (exit code 0", 15);
      assertThat(workspace.resolve(".sandbox/logs/acme.crm-sync-python.log")).content().contains("listening");
    }
  }

  @Test
  void severalPluginsRunAtOnceEachBuiltAndStartedWithItsOwnLog() throws Exception {
    Path built = Files.createDirectories(work.resolve("built"));
    Files.writeString(built.resolve("plugin.yaml"), """
        id: test.built
        name: Built
        version: 0.1.0
        publisher: test
        platform: "^1.0"
        runtime:
          build: [python3, -c, "open('server.py', 'w').write(open('server.py.in').read())"]
          command: [python3, server.py]
        """);
    Files.writeString(built.resolve("server.py.in"), """
        import http.server, os
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
        print("built server up", flush=True)
        http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
        """);
    Path sample = copy(SAMPLE, work.resolve("crm-sync-python"));
    Path workspace = Files.createDirectories(work.resolve("ws"));

    try (SandboxProcess p = SandboxProcess.start(work.resolve("run.log"), "run", sample.toString(), built.toString(),
        "--workspace", workspace.toString(), "--port", "0", "--mock-port", "0")) {
      p.awaitLine("Started acme.crm-sync-python 1.0.0", 60);
      p.awaitLine("Started test.built 0.1.0", 60);
      assertThat(built.resolve("server.py")).exists();
      assertThat(p.terminate()).isIn(0, 143);
      p.awaitLine("Stopped test.built (exit code", 15);
    }
    assertThat(workspace.resolve(".sandbox/logs/test.built.log")).content().contains("built server up");
    assertThat(workspace.resolve(".sandbox/logs/acme.crm-sync-python.log")).content().contains("listening");
  }

  @Test
  void aPluginThatCrashesIsReportedWithItsExitCodeAndLastLines() throws Exception {
    Path plugin = Files.createDirectories(work.resolve("crashy"));
    Files.writeString(plugin.resolve("plugin.yaml"), """
        id: test.crashy
        name: Crashy
        version: 0.1.0
        publisher: test
        platform: "^1.0"
        runtime: {command: [python3, crash.py], start_timeout_s: 10}
        """);
    Files.writeString(plugin.resolve("crash.py"), "import sys\nprint('loading config')\nprint('boom: no config', file=sys.stderr)\nsys.exit(3)\n");

    assertThat(sandbox("run", plugin.toString(), "--in-memory", "--port", "0", "--mock-port", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("test.crashy exited with code 3 before it was healthy").contains("stderr: boom: no config")
        .contains("No plugin is running.");
  }

  @Test
  void aPluginThatExitsWhileRunningIsReportedAndRunEndsWhenNoneIsLeft() throws Exception {
    Path plugin = Files.createDirectories(work.resolve("short-lived"));
    Files.writeString(plugin.resolve("plugin.yaml"), """
        id: test.short-lived
        name: Short-lived
        version: 0.1.0
        publisher: test
        platform: "^1.0"
        runtime: {command: [python3, server.py]}
        """);
    Files.writeString(plugin.resolve("server.py"), """
        import http.server, os, sys, threading
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.end_headers()
        def die():
            print("lost the database connection", file=sys.stderr, flush=True)
            os._exit(4)
        threading.Timer(1.5, die).start()
        http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
        """);

    assertThat(sandbox("run", plugin.toString(), "--in-memory", "--port", "0", "--mock-port", "0")).isEqualTo(1);
    assertThat(out.toString()).contains("Started test.short-lived");
    assertThat(err.toString()).contains("test.short-lived exited with code 4; last lines:")
        .contains("stderr: lost the database connection").contains("No plugin is running; stopping the sandbox.");
  }

  @Test
  void anInvalidManifestIsReportedWithLinesAndNothingStarts() throws Exception {
    Path plugin = Files.createDirectories(work.resolve("bad"));
    Files.writeString(plugin.resolve("plugin.yaml"), "id: Bad Id\nname: x\nversion: 1.0.0\npublisher: t\nplatform: \"^1\"\n");

    assertThat(sandbox("run", plugin.toString(), "--in-memory", "--port", "0", "--mock-port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("plugin.yaml:1: id:").contains("plugin.yaml:1: runtime: is missing");
  }

  private int sandbox(String... args) {
    return SandboxCli.run(console, args);
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().startsWith(".sandbox") || rel.toString().contains("__pycache__")) {
          continue;
        }
        Files.copy(p, to.resolve(rel.toString()));
      }
    }
    return to;
  }
}
