package io.platformsandbox.engine.plugins.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** A {@code plugin.yaml} that cannot be read or does not match the schema; carries every error. */
public final class ManifestException extends Exception {
  private final transient List<ManifestError> errors;

  public ManifestException(List<ManifestError> errors) {
    super(errors.stream().map(ManifestError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ManifestError> errors() {
    return errors;
  }
}
