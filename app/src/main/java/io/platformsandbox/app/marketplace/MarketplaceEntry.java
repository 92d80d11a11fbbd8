package io.platformsandbox.app.marketplace;

import io.platformsandbox.engine.plugins.marketplace.RegistryPlugin;
import io.platformsandbox.engine.plugins.marketplace.RegistryVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One published version of a plugin in the workspace registry: a row of the marketplace view.
 *
 * @param keyFingerprint hex SHA-256 of the publisher key the plugin id is pinned to
 * @param publishedAt when it was published; null when the index does not say
 * @param latest whether this is the plugin's highest version
 */
public record MarketplaceEntry(
    String id,
    String name,
    String publisher,
    String description,
    String version,
    boolean latest,
    String keyFingerprint,
    Instant publishedAt,
    long size,
    String sha256) {

  static MarketplaceEntry of(RegistryPlugin p, RegistryVersion v) {
    Instant at;
    try {
      at = v.publishedAt() == null ? null : Instant.parse(v.publishedAt());
    } catch (DateTimeParseException e) {
      at = null;
    }
    return new MarketplaceEntry(p.id(), p.name(), p.publisher(), p.description(), v.version(), v.version().equals(p.latestVersion()),
        p.publisherKeySha256(), at, v.size(), v.sha256());
  }

  /** {@code acme.crm-sync@1.4.0} */
  public String coordinates() {
    return id + "@" + version;
  }
}
