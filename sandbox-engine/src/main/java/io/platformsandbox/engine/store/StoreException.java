package io.platformsandbox.engine.store;

/** A storage failure that is the sandbox's fault, not the caller's: answered with 500. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
