package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sandbox install ID@VERSION}: take a bundle from the registry, verify it again, and run it. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = "Install a published plugin from the registry: verify the bundle again (hashes, signature, report), unpack it into <workspace>/.sandbox/plugins/ID/VERSION and run it like 'sandbox run'.")
final class InstallCommand implements Callable<Integer> {
  private final Console console;

  @Parameters(paramLabel = "ID@VERSION", description = "The plugin and version, e.g. acme.crm-sync@1.4.0.")
  String coordinates;

  @Option(names = "--registry", paramLabel = "DIR", description = "Registry folder (default: <workspace>/.sandbox/marketplace).")
  Path registryDir;

  @Mixin PluginHost.Options host = new PluginHost.Options();

  InstallCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    int at = coordinates.lastIndexOf('@');
    if (at <= 0 || at == coordinates.length() - 1) {
      console.error("error: write the plugin as ID@VERSION, e.g. acme.crm-sync@1.4.0");
      return 2;
    }
    String id = coordinates.substring(0, at);
    String version = coordinates.substring(at + 1);
    Registry registry = new Registry(registryDir != null ? registryDir : Registry.defaultDir(host.sandbox.workspace));
    Optional<Path> bundle = registry.find(id, version);
    if (bundle.isEmpty()) {
      console.error("error: " + id + "@" + version + " is not in the registry " + registry.dir()
          + " (publish it with 'sandbox publish BUNDLE')");
      return 1;
    }
    Path target = host.sandbox.inMemory
        ? Files.createTempDirectory("sandbox-install-")
        : host.sandbox.workspace.resolve(".sandbox").resolve("plugins").resolve(id).resolve(version);
    VerifiedBundle verified;
    try {
      deleteRecursively(target);
      verified = Bundles.unpack(bundle.get(), target);
    } catch (BundleException e) {
      console.error("error: refused " + bundle.get() + ": " + e.getMessage());
      return 1;
    }
    console.line("Verified " + verified.id() + " " + verified.version() + " (publisher key " + verified.keyFingerprint().substring(0, 16)
        + "…); installed in " + target.toAbsolutePath().normalize());
    try {
      return new PluginHost(console, host).run(List.of(ManifestParser.read(target)));
    } catch (ManifestException e) {
      console.error("error: the installed plugin.yaml is not valid:\n" + e.getMessage());
      return 1;
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
