package io.platformsandbox.app.core;

import java.nio.file.Path;

/**
 * Something wrong at a place in a file, found as the user types (a manifest error, a JSON or YAML
 * syntax error): what the editor underlines and the Problems dock lists.
 *
 * @param file the file
 * @param line 1-based line, or 0 when the problem has no line
 * @param field the field it is about ({@code runtime.command}), or empty for the text as a whole
 * @param message what is wrong and what would be right
 */
public record FileProblem(Path file, int line, String field, String message) {
  public FileProblem {
    field = field == null ? "" : field;
  }

  /** {@code plugin.yaml:7}, or the file's name when there is no line. */
  public String where() {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return line > 0 ? name + ":" + line : name;
  }

  /** {@code runtime.command: is missing; …}, or the message alone (also when it starts with the field's name). */
  public String text() {
    return field.isEmpty() || message.startsWith(field + " ") ? message : field + ": " + message;
  }

  /** {@code Line 7: runtime.command: is missing; …} */
  public String describe() {
    return (line > 0 ? "Line " + line + ": " : "") + text();
  }
}
