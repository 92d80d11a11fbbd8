package io.platformsandbox.engine.plugins.marketplace;

/** The registry refused a publish, or cannot be read; the message is one readable line. */
public class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
