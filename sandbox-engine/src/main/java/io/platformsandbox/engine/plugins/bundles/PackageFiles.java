package io.platformsandbox.engine.plugins.bundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a plugin folder are its package, and the one hash that binds a validation report
 * to them. The validator and {@code sandbox package} both use these two methods, so "the files that
 * were validated" and "the files that are bundled" are the same by construction.
 *
 * <p>Stateless; thread-safe.
 */
public final class PackageFiles {
  /** Always part of the package. */
  public static final String MANIFEST = "plugin.yaml";

  /** The workspace state folder: never packaged, at any depth. */
  public static final String STATE_DIR = ".sandbox";

  /** Names the bundle itself uses at its root; a plugin file may not take them. */
  public static final Set<String> RESERVED =
      Set.of(Bundles.CHECKSUMS, Bundles.SIGNATURE, Bundles.PUBLIC_KEY, Bundles.REPORT);

  private PackageFiles() {}

  /**
   * The package files: {@code plugin.yaml} and every regular file matched by an entry of {@code
   * include}, as paths relative to {@code pluginDir} with {@code /} separators, sorted.
   *
   * <p>An entry is a relative path or a {@code java.nio} glob with {@code /} (such as {@code
   * src/**}); a path or a glob that names a directory takes every file under it. Nothing under a
   * {@code .sandbox} folder is ever taken.
   *
   * @throws BundleException when an entry escapes the folder ({@code ..}, absolute, backslash) or
   *     matches nothing, when a matched path is (or lies under) a symbolic link or is not a regular
   *     file, when {@code plugin.yaml} is missing, or when a file name cannot go into a bundle
   */
  public static List<String> resolve(Path pluginDir, List<String> include) {
    Path root;
    try {
      root = pluginDir.toRealPath();
    } catch (IOException e) {
      throw new BundleException("the plugin folder " + pluginDir + " does not exist");
    }
    if (!Files.isDirectory(root)) {
      throw new BundleException(pluginDir + " is not a folder");
    }
    List<Rule> rules = new ArrayList<>();
    rules.add(Rule.of(MANIFEST));
    for (String entry : include == null ? List.<String>of() : include) {
      rules.add(Rule.of(entry));
    }
    TreeSet<String> found = new TreeSet<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.getFileName() != null && dir.getFileName().toString().equals(STATE_DIR) && !dir.equals(root)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = relative(root, file);
              Rule matching = null;
              for (Rule rule : rules) {
                if (rule.takes(rel)) {
                  matching = rule;
                  break;
                }
              }
              if (attrs.isSymbolicLink()) {
                for (Rule rule : rules) {
                  if (rule.takes(rel) || rule.reachesInto(rel)) {
                    throw new BundleException(
                        "package.include '" + rule.entry + "' takes " + rel
                            + ", which is a symbolic link; a bundle holds regular files only (copy the file in instead)");
                  }
                }
                return FileVisitResult.CONTINUE;
              }
              if (matching == null) {
                return FileVisitResult.CONTINUE;
              }
              if (!attrs.isRegularFile()) {
                throw new BundleException(
                    "package.include '" + matching.entry + "' takes " + rel + ", which is not a regular file");
              }
              checkName(rel);
              for (Rule rule : rules) {
                if (rule.takes(rel)) {
                  rule.used = true;
                }
              }
              found.add(rel);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + pluginDir, e);
    }
    if (!found.contains(MANIFEST)) {
      throw new BundleException("there is no " + MANIFEST + " in " + pluginDir);
    }
    for (Rule rule : rules) {
      if (!rule.used) {
        throw new BundleException(
            "package.include '" + rule.entry + "' matches no file in " + pluginDir + " (is it built yet?)");
      }
    }
    for (String reserved : RESERVED) {
      if (found.contains(reserved)) {
        throw new BundleException(
            "the plugin file " + reserved + " has a name the bundle itself uses; rename it or leave it out of package.include");
      }
    }
    return List.copyOf(found);
  }

  /**
   * The hex SHA-256 of the text made of one {@code sha256sum} line per file, in sorted order:
   * {@code <hex sha256 of the file's bytes>  <relative path>\n}.
   */
  public static String filesSha256(Path pluginDir, List<String> relativePaths) {
    StringBuilder lines = new StringBuilder();
    for (String path : new TreeSet<>(relativePaths)) {
      lines.append(checksumLine(Digests.sha256Hex(pluginDir.resolve(path)), path));
    }
    return Digests.sha256Hex(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** One line as {@code sha256sum} prints it and {@code sha256sum -c} reads it. */
  public static String checksumLine(String hexSha256, String path) {
    return hexSha256 + "  " + path + "\n";
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /** Names a bundle can carry and {@code sha256sum -c} can read back. */
  private static void checkName(String rel) {
    for (int i = 0; i < rel.length(); i++) {
      char c = rel.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new BundleException(
            "the file name " + rel.replaceAll("[\\p{Cntrl}]", "?")
                + " has a backslash or a control character, which a bundle cannot carry; rename it");
      }
    }
  }

  /** One include entry: a literal path or a glob, each also taking everything under a folder it names. */
  private static final class Rule {
    final String entry;
    final String literal;
    final PathMatcher glob;
    final String staticPrefix;
    boolean used;

    private Rule(String entry, String literal, PathMatcher glob, String staticPrefix) {
      this.entry = entry;
      this.literal = literal;
      this.glob = glob;
      this.staticPrefix = staticPrefix;
    }

    static Rule of(String entry) {
      if (entry == null || entry.isBlank()) {
        throw new BundleException("package.include has an empty entry");
      }
      if (entry.contains("\\")) {
        throw new BundleException("package.include '" + entry + "' has a backslash; write paths with '/'");
      }
      if (entry.startsWith("/") || entry.matches("^[A-Za-z]:.*")) {
        throw new BundleException("package.include '" + entry + "' is an absolute path; write it relative to the plugin folder");
      }
      String trimmed = entry;
      while (trimmed.endsWith("/") && trimmed.length() > 1) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      for (String segment : trimmed.split("/", -1)) {
        if (segment.equals("..")) {
          throw new BundleException("package.include '" + entry + "' leaves the plugin folder ('..'); bundles hold the plugin's own files only");
        }
        if (segment.isEmpty() || segment.equals(".")) {
          throw new BundleException("package.include '" + entry + "' has an empty or '.' path segment; write it as a plain relative path");
        }
        if (segment.equals(STATE_DIR)) {
          throw new BundleException("package.include '" + entry + "' names the state folder .sandbox, which is never packaged");
        }
      }
      boolean isGlob = trimmed.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
      if (!isGlob) {
        return new Rule(entry, trimmed, null, trimmed + "/");
      }
      PathMatcher matcher;
      try {
        matcher = FileSystems.getDefault().getPathMatcher("glob:" + trimmed);
      } catch (IllegalArgumentException e) {
        throw new BundleException("package.include '" + entry + "' is not a valid glob: " + e.getMessage());
      }
      StringBuilder prefix = new StringBuilder();
      for (String segment : trimmed.split("/")) {
        if (segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
          break;
        }
        prefix.append(segment).append('/');
      }
      return new Rule(entry, null, matcher, prefix.toString());
    }

    /** Whether the file at {@code rel} is taken: the entry names it or a folder above it. */
    boolean takes(String rel) {
      String candidate = rel;
      while (true) {
        if (literal != null ? literal.equals(candidate) : glob.matches(Path.of(candidate))) {
          return true;
        }
        int slash = candidate.lastIndexOf('/');
        if (slash < 0) {
          return false;
        }
        candidate = candidate.substring(0, slash);
      }
    }

    /** Whether files this entry takes could lie under {@code rel} (so a link there would hide them). */
    boolean reachesInto(String rel) {
      return staticPrefix.startsWith(rel + "/") || (literal == null && staticPrefix.isEmpty());
    }
  }
}
