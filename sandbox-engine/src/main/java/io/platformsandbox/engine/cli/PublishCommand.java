package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.marketplace.PublishResult;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import io.platformsandbox.engine.plugins.marketplace.RegistryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sandbox publish BUNDLE}: verify, then add to a marketplace registry folder. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Verify a bundle, then add it to a marketplace registry. Versions are immutable and the first publish of a plugin id pins its publisher key.")
final class PublishCommand implements Callable<Integer> {
  private final Console console;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "A .plugin.zip file.")
  Path bundle;

  @Option(names = "--registry", paramLabel = "DIR", description = "The registry folder (default: WORKSPACE/.sandbox/marketplace).")
  Path registry;

  @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace whose registry to use (default: current folder).")
  Path workspace = Path.of(".");

  PublishCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Registry target = new Registry(registry != null ? registry : Registry.defaultDir(workspace));
    try {
      PublishResult result = target.publish(bundle);
      String what = result.bundle().coordinates();
      if (result.outcome() == PublishResult.Outcome.ALREADY_PUBLISHED) {
        console.line(what + " is already published in " + target.dir() + " with exactly these bytes; nothing changed.");
      } else {
        console.line("Published " + what + " to " + target.dir());
        console.line("  bundle: " + result.stored());
        console.line("  publisher key " + result.bundle().keyFingerprint());
      }
      return 0;
    } catch (BundleException | RegistryException e) {
      console.error("error: refused " + bundle + ": " + e.getMessage());
      return 1;
    }
  }
}
