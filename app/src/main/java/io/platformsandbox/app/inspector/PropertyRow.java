package io.platformsandbox.app.inspector;

/** One line of the inspector: a named value in a category. */
public record PropertyRow(String category, String name, String value, String description) {}
