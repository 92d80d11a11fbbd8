package io.platformsandbox.app.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the workbench remembers between runs (window size and layout, theme, last workspace), as a
 * properties file in the user's settings folder ({@code ~/.platform-sandbox/} by default).
 *
 * <p>Threading: any; methods are synchronised.
 */
public final class Settings {
  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
  private final Path file;
  private final Properties props = new Properties();

  public Settings(Path dir) {
    this.file = dir.resolve("workbench.properties");
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("could not read {}: {}", file, e.getMessage());
      }
    }
  }

  /** ~/.platform-sandbox */
  public static Path defaultDir() {
    return Path.of(System.getProperty("user.home"), ".platform-sandbox");
  }

  public Path dir() {
    return file.getParent();
  }

  public synchronized Optional<String> get(String key) {
    return Optional.ofNullable(props.getProperty(key));
  }

  public synchronized double getDouble(String key, double fallback) {
    try {
      return get(key).map(Double::parseDouble).orElse(fallback);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public synchronized boolean getBoolean(String key, boolean fallback) {
    return get(key).map(Boolean::parseBoolean).orElse(fallback);
  }

  public synchronized void put(String key, Object value) {
    if (value == null) {
      props.remove(key);
    } else {
      props.setProperty(key, String.valueOf(value));
    }
  }

  /** Writes the file (atomically, through a temporary file). */
  public synchronized void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        props.store(out, "Platform Sandbox workbench");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("could not write {}: {}", file, e.getMessage());
    }
  }
}
