package io.platformsandbox.app.editor;

import io.platformsandbox.app.core.FileProblem;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestError;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import io.platformsandbox.engine.plugins.manifest.ManifestRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the text of a {@code plugin.yaml} as the validator's M01–M04 do: the engine's {@link
 * ManifestParser} (YAML, then the schema; every error with its field and line) and, when that
 * passes, {@link ManifestRules} (semantic version, known scopes, platform range), whose problems are
 * placed on the line of their field.
 *
 * <p>Stateless and thread-safe; takes a few milliseconds, so the editor runs it in the background.
 */
public final class ManifestCheck {
  private ManifestCheck() {}

  /** Whether the editor checks {@code file} as a manifest. */
  public static boolean appliesTo(Path file) {
    return file.getFileName() != null && file.getFileName().toString().equals(Manifest.FILE_NAME);
  }

  /** Every problem of {@code text} as the manifest {@code file}; empty when it is valid. */
  public static List<FileProblem> check(Path file, String text) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    Manifest m;
    try {
      m = ManifestParser.parse(dir, text.getBytes(StandardCharsets.UTF_8));
    } catch (ManifestException e) {
      List<FileProblem> out = new ArrayList<>();
      for (ManifestError err : e.errors()) {
        out.add(new FileProblem(file, err.line(), "(file)".equals(err.field()) ? "" : err.field(), err.message()));
      }
      return out;
    }
    List<FileProblem> out = new ArrayList<>();
    ManifestRules.semver(m).ifPresent(p -> out.add(new FileProblem(file, keyLine(text, "version"), "version", p)));
    ManifestRules.knownScopes(m).ifPresent(p -> out.add(new FileProblem(file, scopeLine(text, m), "scopes", p)));
    ManifestRules.platformRange(m).ifPresent(p -> out.add(new FileProblem(file, keyLine(text, "platform"), "platform", p)));
    out.sort(java.util.Comparator.comparingInt(FileProblem::line));
    return out;
  }

  /** The line of a top-level key, or 0. */
  static int keyLine(String text, String key) {
    Matcher k = Pattern.compile("^" + Pattern.quote(key) + "\\s*:", Pattern.MULTILINE).matcher(text);
    return k.find() ? lineOf(text, k.start()) : 0;
  }

  /** The line of the first unknown scope inside the {@code scopes} value (flow or block list), else the key's. */
  private static int scopeLine(String text, Manifest m) {
    int key = keyLine(text, "scopes");
    if (key == 0) {
      return 0;
    }
    String[] lines = text.split("\n", -1);
    for (String scope : m.scopes()) {
      if (ManifestRules.knownScopes(withScope(m, scope)).isEmpty()) {
        continue;
      }
      Pattern token = Pattern.compile("(^|[\\s\\[,'\"-])" + Pattern.quote(scope) + "($|[\\s\\],'\"#])");
      for (int i = key - 1; i < lines.length; i++) {
        if (i > key - 1 && !lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0)) && !lines[i].startsWith("-")) {
          break; // the next top-level key: the list has ended
        }
        String line = i == key - 1 ? lines[i].substring(lines[i].indexOf(':') + 1) : lines[i];
        if (token.matcher(line).find()) {
          return i + 1;
        }
      }
    }
    return key;
  }

  private static Manifest withScope(Manifest m, String scope) {
    return new Manifest(m.dir(), m.sha256(), m.id(), m.name(), m.version(), m.publisher(), m.description(), m.platform(), m.runtime(),
        List.of(scope), m.events(), m.webhook(), m.actions(), m.egress(), m.packageInclude(), m.fixtures(), m.mocks(), m.scenarios());
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
