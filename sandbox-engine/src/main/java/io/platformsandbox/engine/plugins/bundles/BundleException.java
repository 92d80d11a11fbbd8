package io.platformsandbox.engine.plugins.bundles;

/**
 * A bundle, a plugin folder, a report or a key was refused. The message is one readable line that
 * says what is wrong and, where there is one, what to do; the CLI prints it as it is.
 */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
