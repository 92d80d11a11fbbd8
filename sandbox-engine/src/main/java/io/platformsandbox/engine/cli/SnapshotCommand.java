package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.snapshots.Snapshots;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sandbox snapshot export|import FILE}: the whole state as one file. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Export the whole sandbox state to one file, or import such a file.",
    subcommands = {SnapshotCommand.Export.class, SnapshotCommand.Import.class})
final class SnapshotCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "say 'export FILE' or 'import FILE'");
  }

  /** Which sandbox to talk to: a running one by URL, or a workspace opened here. */
  static final class Target {
    @Option(names = "--url", paramLabel = "URL", description = "A running sandbox (default: http://127.0.0.1:8787).")
    String url;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Open this workspace directly (no sandbox may be running on it).")
    Path workspace;
  }

  abstract static class Base implements Callable<Integer> {
    final Console console;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    Base(Console console) {
      this.console = console;
    }

    /** Runs {@code work} against the chosen sandbox's base URL. */
    int withSandbox(SandboxWork work) throws Exception {
      if (target != null && target.workspace != null) {
        try (Engine engine =
            Engine.create(EngineConfig.defaults().withWorkspace(target.workspace).withPort(0).withMockPort(-1)).start()) {
          return work.run(engine.apiUrl());
        }
      }
      String url = target == null || target.url == null ? "http://127.0.0.1:8787" : target.url;
      try {
        return work.run(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      } catch (ConnectException e) {
        console.error("error: no sandbox answers at " + url + "; start one with 'sandbox serve' or pass --workspace DIR");
        return 1;
      }
    }
  }

  @FunctionalInterface
  interface SandboxWork {
    int run(String baseUrl) throws Exception;
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the whole state to FILE (atomically).")
  static final class Export extends Base {
    Export(Console console) {
      super(console);
    }

    @Override
    public Integer call() throws Exception {
      return withSandbox(
          base -> {
            HttpResponse<byte[]> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_sandbox/export")).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
              console.error("error: export failed: HTTP " + r.statusCode() + " " + new String(r.body()));
              return 1;
            }
            Snapshots.writeAtomically(file, r.body());
            console.line("Exported " + r.body().length + " bytes to " + file);
            return 0;
          });
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Replace the whole state with FILE (checked first).")
  static final class Import extends Base {
    Import(Console console) {
      super(console);
    }

    @Override
    public Integer call() throws Exception {
      byte[] archive;
      try {
        archive = Files.readAllBytes(file);
      } catch (IOException e) {
        console.error("error: cannot read " + file + ": " + e.getMessage());
        return 1;
      }
      return withSandbox(
          base -> {
            HttpResponse<String> r =
                HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/_sandbox/import"))
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(archive))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              String detail = r.body();
              try {
                detail = io.platformsandbox.engine.json.Json.MAPPER.readTree(r.body()).path("detail").asText(detail);
              } catch (IOException e) {
                // not JSON: show as is
              }
              console.error("error: import refused: " + detail);
              return 1;
            }
            console.line("Imported " + file);
            return 0;
          });
    }
  }
}
