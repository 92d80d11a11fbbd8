package io.platformsandbox.engine.api;

/** Who may call a route. */
public enum Access {
  /** Anyone: the token endpoint and the OpenAPI document. */
  PUBLIC,
  /** An app with a bearer token of its tenant; the route's scope is checked. */
  APP,
  /** The sandbox's own control API: loopback callers only, no token. */
  CONTROL
}
