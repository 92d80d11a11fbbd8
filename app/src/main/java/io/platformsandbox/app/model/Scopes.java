package io.platformsandbox.app.model;

import java.util.List;

/** The scopes of Platform API v1 (DESIGN §3), in the order the workbench lists them. */
public final class Scopes {
  public static final String PII_READ = "pii:read";

  public static final List<String> ALL =
      List.of(
          "records:read",
          "records:write",
          "files:read",
          "files:write",
          "events:publish",
          "events:subscribe",
          "webhooks:manage",
          "models:invoke",
          "models:train",
          "datasets:read",
          "datasets:publish",
          PII_READ,
          "audit:read",
          "connectors:manage");

  private Scopes() {}

  /** Every scope but {@code pii:read}, space-separated: a token that sees PII masked. */
  public static String withoutPii() {
    return String.join(" ", ALL.stream().filter(s -> !s.equals(PII_READ)).toList());
  }
}
