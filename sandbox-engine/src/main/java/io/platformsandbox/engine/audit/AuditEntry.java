package io.platformsandbox.engine.audit;

import java.time.Instant;

/**
 * One app call as the governance log keeps it.
 *
 * @param resource the path below {@code /v1/}, e.g. {@code collections/contacts/records/rec_1}
 * @param pii whether unmasked PII or PHI was returned
 */
public record AuditEntry(
    long seq,
    Instant at,
    String tenant,
    String clientId,
    String appName,
    String action,
    String method,
    String resource,
    int status,
    boolean pii,
    String purpose,
    String requestId) {}
