package io.platformsandbox.engine.plugins.marketplace;

import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import java.nio.file.Path;

/**
 * What {@link Registry#publish} did.
 *
 * @param stored the bundle's path inside the registry
 */
public record PublishResult(Outcome outcome, VerifiedBundle bundle, Path stored) {
  public enum Outcome {
    /** A new version was added. */
    PUBLISHED,
    /** The same bytes were already published under this id and version; nothing changed. */
    ALREADY_PUBLISHED
  }
}
