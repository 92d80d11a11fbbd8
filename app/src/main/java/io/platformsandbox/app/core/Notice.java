package io.platformsandbox.app.core;

import java.time.Instant;

/** A message for the user: shown briefly as a notification and kept in the Problems dock. */
public record Notice(Level level, String title, String message, Instant time) {
  public enum Level {
    INFO,
    SUCCESS,
    WARNING,
    ERROR
  }

  public static Notice error(String title, String message) {
    return new Notice(Level.ERROR, title, message, Instant.now());
  }

  public static Notice info(String title, String message) {
    return new Notice(Level.INFO, title, message, Instant.now());
  }

  public static Notice warning(String title, String message) {
    return new Notice(Level.WARNING, title, message, Instant.now());
  }

  public static Notice success(String title, String message) {
    return new Notice(Level.SUCCESS, title, message, Instant.now());
  }
}
