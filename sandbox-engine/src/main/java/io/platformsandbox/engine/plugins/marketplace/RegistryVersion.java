package io.platformsandbox.engine.plugins.marketplace;

/**
 * One published version in {@code index.json}. Immutable.
 *
 * @param bundle the bundle's path relative to the registry folder, with {@code /}
 * @param sha256 hex SHA-256 of the bundle file
 * @param publishedAt ISO-8601 UTC instant of the publish
 */
public record RegistryVersion(String version, String bundle, String sha256, long size, String publishedAt) {}
