package io.platformsandbox.engine.tenants;

import java.time.Instant;

/** An isolated customer workspace of the emulated platform. */
public record Tenant(String id, String name, RateLimit rateLimit, Instant createdAt) {}
