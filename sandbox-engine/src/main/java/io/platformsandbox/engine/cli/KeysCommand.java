package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sandbox keys generate|show}: the publisher key pair that signs bundles. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Make or show the Ed25519 publisher key pair that signs bundles (kept outside any workspace).",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class})
final class KeysCommand implements Runnable {
  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "say 'generate' or 'show'");
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Make a new key pair: publisher.key (PKCS#8 PEM, mode 600) and publisher.pub (PEM PUBLIC KEY) in a mode-700 folder.")
  static final class Generate implements Callable<Integer> {
    private final Console console;

    @Mixin KeysDirOption keys = new KeysDirOption();

    @Option(names = "--force", description = "Replace an existing key pair (registries pinned to the old key will refuse the new one).")
    boolean force;

    Generate(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Path dir = keys.resolve();
      try {
        PublisherKeys generated = PublisherKeys.generate(dir, force);
        console.line("Generated an Ed25519 publisher key pair in " + dir);
        console.line("  private key: " + dir.resolve(PublisherKeys.PRIVATE_FILE) + " (mode 600; keep it secret and back it up)");
        console.line("  public key:  " + dir.resolve(PublisherKeys.PUBLIC_FILE));
        console.line("  SHA-256 fingerprint: " + generated.fingerprint());
        return 0;
      } catch (BundleException e) {
        console.error("error: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the public key (PEM) and its SHA-256 fingerprint.")
  static final class Show implements Callable<Integer> {
    private final Console console;

    @Mixin KeysDirOption keys = new KeysDirOption();

    Show(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      try {
        PublicKey key = PublisherKeys.loadPublic(keys.resolve());
        console.line(PublisherKeys.publicPem(key).stripTrailing());
        console.line("SHA-256 fingerprint: " + PublisherKeys.fingerprint(key));
        return 0;
      } catch (BundleException e) {
        console.error("error: " + e.getMessage());
        return 1;
      }
    }
  }
}
