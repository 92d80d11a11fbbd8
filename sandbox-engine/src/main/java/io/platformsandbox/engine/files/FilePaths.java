package io.platformsandbox.engine.files;

import io.platformsandbox.engine.api.ApiException;

/** The rules for file paths: relative, no dot segments, no control characters, no tricks. */
public final class FilePaths {
  public static final int MAX_LENGTH = 1024;

  private FilePaths() {}

  /** Returns the path unchanged when it is acceptable; otherwise a 400 saying why. */
  public static String check(String path) {
    if (path == null || path.isEmpty()) {
      throw invalid("The file path is empty.");
    }
    if (path.length() > MAX_LENGTH) {
      throw invalid("The file path is longer than " + MAX_LENGTH + " characters.");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw invalid("The file path contains a control character at position " + (i + 1) + ".");
      }
    }
    if (path.startsWith("/")) {
      throw invalid("The file path must be relative; absolute paths are not allowed.");
    }
    if (path.indexOf('\\') >= 0) {
      throw invalid("The file path must use '/' as its separator; '\\' is not allowed.");
    }
    if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
      throw invalid("The file path must be relative; drive letters are not allowed.");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalid("The file path has an empty segment ('//' or a trailing '/').");
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw invalid("The file path may not contain '" + segment + "' segments.");
      }
    }
    return path;
  }

  private static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid-path", "Invalid file path", detail);
  }
}
