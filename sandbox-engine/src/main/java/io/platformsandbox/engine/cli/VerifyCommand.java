package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sandbox verify BUNDLE}: every hash, the signature, and the report's binding. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check a bundle: every file against CHECKSUMS.sha256, the Ed25519 signature with publisher.pub, and that its validation report passed and belongs to exactly these files and this plugin.yaml.")
final class VerifyCommand implements Callable<Integer> {
  private final Console console;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "A .plugin.zip file.")
  Path bundle;

  VerifyCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    try {
      VerifiedBundle v = Bundles.verify(bundle);
      console.line("Verified " + bundle);
      console.line("  plugin:    " + v.id() + " " + v.version() + " (" + v.name() + ") by " + v.publisher());
      console.line("  signature: good, publisher key " + v.keyFingerprint());
      console.line("  files:     " + v.files().size() + ", each matching CHECKSUMS.sha256");
      console.line("  report:    passed" + (v.sandboxVersion().isEmpty() ? "" : " (sandbox " + v.sandboxVersion() + ")")
          + ", made for this plugin.yaml and these files");
      return 0;
    } catch (BundleException e) {
      console.error("error: refused " + bundle + ": " + e.getMessage());
      return 1;
    }
  }
}
