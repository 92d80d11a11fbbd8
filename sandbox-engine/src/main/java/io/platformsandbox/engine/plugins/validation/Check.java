package io.platformsandbox.engine.plugins.validation;

/** The publishing rules (DESIGN §6), in the order they are reported. Ids are stable. */
public enum Check {
  M01("Manifest is valid against the schema"),
  M02("Version is a semantic version"),
  M03("Scopes are known platform scopes"),
  M04("Platform range is satisfied by this sandbox"),
  R01("Builds, starts and is healthy within start_timeout_s"),
  R02("Stops within 10 s of SIGTERM"),
  S01("Rejects a webhook with no signature"),
  S02("Rejects a webhook with a wrong signature"),
  S03("Rejects a replayed webhook (timestamp over 5 minutes old)"),
  S04("Least privilege: no call refused for a missing scope, every declared scope used"),
  S05("Egress only to declared hosts"),
  S06("Canary PII never reaches a host that does not declare it"),
  S07("No canary PII or client secret in the plugin's logs"),
  Q01("The same event delivered twice causes its side effects once"),
  Q02("A platform 429 with Retry-After is retried after the delay"),
  Q03("External 5xx and timeouts do not crash the plugin"),
  Q04("Webhook acknowledgement p95 under 2 s in a burst of 50 events"),
  C01("Handles subject.erasure_requested when it touches PII"),
  T01("Every scenario passes");

  private final String title;

  Check(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
