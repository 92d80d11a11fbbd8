package io.platformsandbox.app.plugins;

import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestError;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the plugins of a workspace: folders with a {@code plugin.yaml}, the workspace itself and up
 * to two levels below it, skipping the sandbox's own state and build output. Each manifest is read
 * with the engine's {@link ManifestParser}, so the first error is the one {@code sandbox run} shows.
 *
 * <p>Threading: blocking (disk); call from background work. Stateless.
 */
public final class PluginFolders {
  /** Folders never searched: the sandbox's state, VCS and build output. */
  public static final Set<String> SKIPPED = Set.of(".sandbox", ".git", "target", "node_modules", ".idea", "__pycache__", ".venv", "venv");
  /** The workspace is depth 0; plugins two levels down (depth 2) are found. */
  public static final int MAX_DEPTH = 2;

  private PluginFolders() {}

  /** The plugin folders under {@code workspace}, sorted by path, each with its manifest read. */
  public static List<PluginInfo> scan(Path workspace) throws IOException {
    List<PluginInfo> out = new ArrayList<>();
    for (Path dir : find(workspace)) {
      out.add(read(dir));
    }
    return out;
  }

  /** The folders under {@code workspace} (itself included) that hold a {@code plugin.yaml}. */
  public static List<Path> find(Path workspace) throws IOException {
    if (!Files.isDirectory(workspace)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(workspace, MAX_DEPTH + 1)) {
      return s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(Manifest.FILE_NAME))
          .filter(Files::isRegularFile)
          .map(Path::getParent)
          .filter(dir -> !skipped(workspace, dir))
          .sorted()
          .toList();
    }
  }

  private static boolean skipped(Path workspace, Path dir) {
    for (Path part : workspace.relativize(dir)) {
      if (SKIPPED.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /** Reads one plugin folder's manifest: id and version, or its first error. */
  public static PluginInfo read(Path dir) {
    try {
      Manifest m = ManifestParser.read(dir);
      return PluginInfo.valid(dir, m.id(), m.name(), m.version());
    } catch (ManifestException e) {
      List<ManifestError> errors = e.errors();
      if (errors.isEmpty()) {
        return PluginInfo.invalid(dir, "plugin.yaml is not valid", 0, 1);
      }
      ManifestError first = errors.get(0);
      return PluginInfo.invalid(dir, first.field() + ": " + first.message(), first.line(), errors.size());
    } catch (RuntimeException e) {
      return PluginInfo.invalid(dir, "cannot read plugin.yaml: " + e.getMessage(), 0, 1);
    }
  }
}
