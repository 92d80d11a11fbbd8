package io.platformsandbox.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link WireMockPeer} as a child process, with the same JVM options as the engine. */
final class PeerProcess implements AutoCloseable {
  final Process process;
  final int port;

  private PeerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PeerProcess start(BenchConfig cfg, Path log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opt : cfg.engineJavaOpts().trim().split("\\s+")) {
      if (!opt.isEmpty()) {
        cmd.add(opt);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WireMockPeer.class.getName());
    if (cfg.wireMockJournal()) {
      cmd.add("--journal");
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "stop-wiremock"));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("WIREMOCK_PORT ")) {
                    port.complete(Integer.parseInt(line.substring(14).trim()));
                  }
                }
              } catch (IOException e) {
                // gone
              }
              port.complete(-1);
            },
            "wiremock-stdout");
    reader.setDaemon(true);
    reader.start();
    int bound = port.get(cfg.startTimeoutSeconds(), TimeUnit.SECONDS);
    if (bound < 0) {
      p.destroyForcibly();
      throw new IllegalStateException("WireMock did not start; see " + log);
    }
    return new PeerProcess(p, bound);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
