package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.Principal;

/** Turns an {@code Authorization} header into the calling app, or throws a 401 problem. */
@FunctionalInterface
public interface Authenticator {
  Principal authenticate(String authorizationHeader);
}
