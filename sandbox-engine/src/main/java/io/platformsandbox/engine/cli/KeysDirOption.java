package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --keys-dir DIR}, shared by the commands that use the publisher key. */
final class KeysDirOption {
  @Option(
      names = "--keys-dir",
      paramLabel = "DIR",
      description = "Publisher keys folder (default: $" + PublisherKeys.ENV + ", else ~/.platform-sandbox/keys).")
  Path keysDir;

  Path resolve() {
    return keysDir != null ? keysDir : PublisherKeys.defaultDir();
  }
}
