package io.platformsandbox.app.model;

import java.nio.file.Path;

/**
 * A plugin folder of the workspace (a folder with a {@code plugin.yaml}) as its manifest reads:
 * id, name and version when the manifest is valid, else the first problem in it.
 *
 * @param problem the first error, as {@code field: message}, or null when the manifest is valid
 * @param problemLine the line of that error in {@code plugin.yaml}, or 0 when not known
 * @param problemCount how many errors the manifest has
 */
public record PluginInfo(Path dir, String id, String name, String version, String problem, int problemLine, int problemCount) {

  public static PluginInfo valid(Path dir, String id, String name, String version) {
    return new PluginInfo(dir, id, name, version, null, 0, 0);
  }

  public static PluginInfo invalid(Path dir, String problem, int line, int count) {
    return new PluginInfo(dir, null, null, null, problem, line, count);
  }

  public boolean isValid() {
    return problem == null;
  }

  /** The folder's name. */
  public String folder() {
    return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
  }

  /** The id, or the folder's name when the manifest is not valid. */
  public String label() {
    return id != null ? id : folder();
  }

  /** {@code line 7: runtime.command: is missing; …}, or the version when valid. */
  public String summary() {
    if (isValid()) {
      return version;
    }
    return (problemLine > 0 ? "line " + problemLine + ": " : "") + problem;
  }
}
