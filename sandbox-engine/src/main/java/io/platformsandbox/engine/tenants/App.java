package io.platformsandbox.engine.tenants;

import io.platformsandbox.engine.api.Scope;
import java.time.Instant;
import java.util.Set;

/** A registered integration in one tenant, with its credentials and granted scopes. */
public record App(
    String clientId, String clientSecret, String tenant, String name, Set<Scope> scopes, Instant createdAt) {
  public App {
    scopes = Set.copyOf(scopes);
  }
}
