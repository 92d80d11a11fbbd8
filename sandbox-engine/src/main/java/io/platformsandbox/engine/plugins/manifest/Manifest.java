package io.platformsandbox.engine.plugins.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A plugin's {@code plugin.yaml}, checked against the schema (DESIGN §5). Optional parts are empty
 * lists or empty optionals, never null.
 *
 * @param dir the plugin folder; relative paths in the manifest resolve against it
 * @param sha256 hex SHA-256 of the raw {@code plugin.yaml} bytes (the report binds to it)
 */
public record Manifest(
    Path dir,
    String sha256,
    String id,
    String name,
    String version,
    String publisher,
    String description,
    String platform,
    Runtime runtime,
    List<String> scopes,
    List<String> events,
    Optional<String> webhook,
    List<Action> actions,
    List<Egress> egress,
    List<String> packageInclude,
    Optional<String> fixtures,
    Optional<String> mocks,
    Optional<String> scenarios) {

  public static final String FILE_NAME = "plugin.yaml";

  public Manifest {
    scopes = List.copyOf(scopes);
    events = List.copyOf(events);
    actions = List.copyOf(actions);
    egress = List.copyOf(egress);
    packageInclude = List.copyOf(packageInclude);
  }

  /** How to build, start and probe the plugin. */
  public record Runtime(List<String> build, List<String> command, String health, int startTimeoutS) {
    public Runtime {
      build = List.copyOf(build);
      command = List.copyOf(command);
    }
  }

  /** A button the platform shows users. */
  public record Action(String id, String title, String path) {}

  /** An external host the plugin may call, and the PII fields ({@code collection.field}) it sends there. */
  public record Egress(String host, String purpose, List<String> pii) {
    public Egress {
      pii = List.copyOf(pii);
    }
  }

  public List<String> egressHosts() {
    return egress.stream().map(Egress::host).toList();
  }

  /** Where {@code relative} (a path from the manifest) lies; refuses paths that leave the folder. */
  public Path resolve(String relative) {
    Path resolved = dir.resolve(relative).normalize();
    if (!resolved.startsWith(dir.normalize())) {
      throw new IllegalArgumentException(relative + " is outside the plugin folder " + dir);
    }
    return resolved;
  }
}
