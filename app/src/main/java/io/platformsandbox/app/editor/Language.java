package io.platformsandbox.app.editor;

import java.util.Locale;

/** The languages the code editor highlights. */
public enum Language {
  JSON,
  YAML,
  JAVA,
  JAVASCRIPT,
  PYTHON,
  PLAIN;

  public static Language forFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".json")) {
      return JSON;
    }
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return YAML;
    }
    if (n.endsWith(".java")) {
      return JAVA;
    }
    if (n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".cjs") || n.endsWith(".ts")) {
      return JAVASCRIPT;
    }
    if (n.endsWith(".py")) {
      return PYTHON;
    }
    return PLAIN;
  }
}
