package io.platformsandbox.engine.api;

import java.time.Instant;
import java.util.Set;

/**
 * The app behind a verified access token.
 *
 * @param tenant the tenant the app belongs to; every resource it reaches is in this tenant
 * @param clientId the app's client id
 * @param appName the app's display name
 * @param scopes what the token grants (the app's scopes, possibly narrowed)
 */
public record Principal(
    String tenant, String clientId, String appName, Set<Scope> scopes, Instant expiresAt) {

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }
}
