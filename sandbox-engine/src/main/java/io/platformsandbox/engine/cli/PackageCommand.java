package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sandbox package DIR}: a signed bundle of a plugin that passed validation. */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    description = "Sign and write <id>-<version>.plugin.zip from a plugin folder, only when a passing validation report matches its current plugin.yaml and package files.")
final class PackageCommand implements Callable<Integer> {
  private final Console console;

  @Parameters(index = "0", paramLabel = "DIR", description = "The plugin folder (with plugin.yaml).")
  Path dir;

  @Option(names = "--report", paramLabel = "DIR", description = "The validation report: a folder holding report.json, or the file (default: DIR/.sandbox/report).")
  Path report;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the bundle (default: DIR/.sandbox/dist).")
  Path out;

  @Mixin KeysDirOption keys = new KeysDirOption();

  PackageCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    try {
      PublisherKeys publisher = PublisherKeys.load(keys.resolve());
      VerifiedBundle bundle =
          Bundles.pack(
              dir,
              report != null ? report : Bundles.defaultReport(dir),
              publisher,
              out != null ? out : Bundles.defaultOutDir(dir));
      console.line("Packaged " + bundle.id() + " " + bundle.version() + ": " + bundle.file());
      console.line("  " + bundle.files().size() + " files, " + bundle.size() + " bytes, sha256 " + bundle.sha256());
      console.line("  signed with the publisher key " + bundle.keyFingerprint());
      return 0;
    } catch (BundleException e) {
      console.error("error: cannot package " + dir + ": " + e.getMessage());
      return 1;
    }
  }
}
