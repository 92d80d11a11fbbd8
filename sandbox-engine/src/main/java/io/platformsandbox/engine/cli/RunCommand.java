package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sandbox run DIR...}: run plugins against a sandbox until Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run one or more plugins against a sandbox: build, register an app with the manifest's scopes, subscribe the webhook, load mocks and fixtures, start, wait for health, stream the output. Ctrl-C stops them (SIGTERM, then a kill after 10 s) and the sandbox.")
final class RunCommand implements Callable<Integer> {
  private final Console console;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Plugin folders (each with a plugin.yaml).")
  List<Path> dirs;

  @Mixin PluginHost.Options host = new PluginHost.Options();

  RunCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    List<Manifest> manifests = new ArrayList<>();
    for (Path dir : dirs) {
      try {
        manifests.add(ManifestParser.read(dir));
      } catch (ManifestException e) {
        console.error("error: " + dir + "/plugin.yaml is not valid:");
        e.errors().forEach(err -> console.error("  " + err));
        return 2;
      }
    }
    return new PluginHost(console, host).run(manifests);
  }
}
