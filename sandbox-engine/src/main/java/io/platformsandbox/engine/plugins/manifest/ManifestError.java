package io.platformsandbox.engine.plugins.manifest;

/**
 * One thing wrong with a {@code plugin.yaml}.
 *
 * @param field the field in dotted form ({@code runtime.command}, {@code egress[0].host}), or
 *     {@code (file)} for the file as a whole
 * @param line 1-based line in the file, or 0 when not known
 * @param message what is wrong and what would be valid
 */
public record ManifestError(String field, int line, String message) {
  @Override
  public String toString() {
    return (line > 0 ? "plugin.yaml:" + line + ": " : "plugin.yaml: ") + field + ": " + message;
  }
}
