package io.platformsandbox.engine.plugins.manifest;

import io.platformsandbox.engine.api.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * The manifest rules beyond the schema's shapes (checks M02–M04): a semantic version, known scopes,
 * and a platform range this sandbox satisfies. Each returns the problem, or empty when the rule holds.
 */
public final class ManifestRules {
  /** The Platform API version this sandbox emulates. */
  public static final String PLATFORM_API_VERSION = "1.0.0";

  private static final Pattern RANGE = Pattern.compile("[0-9xX*.^~<>=| -]*[0-9xX*][0-9xX*.^~<>=| -]*");

  private ManifestRules() {}

  /** M02. */
  public static Optional<String> semver(Manifest m) {
    if (Semver.parse(m.version()) != null) {
      return Optional.empty();
    }
    return Optional.of("version '" + m.version() + "' is not a semantic version; write MAJOR.MINOR.PATCH such as 1.4.0");
  }

  /** M03. */
  public static Optional<String> knownScopes(Manifest m) {
    List<String> unknown = m.scopes().stream().filter(s -> Scope.fromWire(s).isEmpty()).toList();
    if (unknown.isEmpty()) {
      return Optional.empty();
    }
    List<String> known = Arrays.stream(Scope.values()).map(Scope::wire).toList();
    return Optional.of("unknown scope" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
        + "; known scopes are " + String.join(", ", known));
  }

  /** M04. */
  public static Optional<String> platformRange(Manifest m) {
    if (!RANGE.matcher(m.platform()).matches()) {
      return Optional.of("platform '" + m.platform() + "' is not a version range; use one such as \"^1.0\" or \">=1.0 <2.0\"");
    }
    try {
      if (new Semver(PLATFORM_API_VERSION).satisfies(m.platform())) {
        return Optional.empty();
      }
      return Optional.of("platform '" + m.platform() + "' does not include the Platform API " + PLATFORM_API_VERSION
          + " this sandbox emulates; use a range such as \"^1.0\"");
    } catch (IllegalArgumentException e) {
      return Optional.of("platform '" + m.platform() + "' is not a version range; use one such as \"^1.0\" or \">=1.0 <2.0\"");
    }
  }
}
