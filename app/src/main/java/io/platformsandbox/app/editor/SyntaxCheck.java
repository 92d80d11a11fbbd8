package io.platformsandbox.app.editor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Optional;

/**
 * Checks that JSON and YAML text parses, for the editor's problem line. (Checking a manifest
 * against the plugin schema arrives with the plugins issue.)
 */
public final class SyntaxCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A problem found. {@code line} is 1-based; 0 when unknown. */
  public record Problem(int line, int column, String message) {
    public String describe() {
      return line > 0 ? "Line " + line + ", column " + column + ": " + message : message;
    }
  }

  private SyntaxCheck() {}

  public static Optional<Problem> check(String text, Language language) {
    ObjectMapper mapper =
        switch (language) {
          case JSON -> JSON;
          case YAML -> YAML;
          default -> null;
        };
    if (mapper == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      mapper.readTree(text);
      return Optional.empty();
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      if (nl > 0) {
        msg = msg.substring(0, nl);
      }
      return Optional.of(new Problem(loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), msg));
    }
  }
}
