package io.platformsandbox.engine.plugins.marketplace;

import java.util.List;

/**
 * One plugin id in {@code index.json}: its pinned publisher key and its versions (ascending by
 * semantic version). Name, publisher and description are those of the highest version. Immutable.
 *
 * @param publisherKeySha256 hex SHA-256 of the DER public key that the first publish pinned
 * @param publisherKeyPem that key as PEM
 */
public record RegistryPlugin(
    String id,
    String name,
    String publisher,
    String description,
    String latestVersion,
    String publisherKeySha256,
    String publisherKeyPem,
    List<RegistryVersion> versions) {

  public RegistryPlugin {
    versions = List.copyOf(versions);
  }
}
