package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.Principal;

/** Decides whether an app may make one more call now. Thread-safe. */
@FunctionalInterface
public interface RateLimiter {

  /**
   * @param limit the bucket size, or 0 when limiting is off for this app
   * @param remaining whole tokens left after this call
   * @param resetSeconds seconds until the bucket is full again
   * @param retryAfterSeconds when refused, seconds until one token is available
   */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    public static final Decision UNLIMITED = new Decision(true, 0, 0, 0, 0);
  }

  Decision acquire(Principal principal);
}
