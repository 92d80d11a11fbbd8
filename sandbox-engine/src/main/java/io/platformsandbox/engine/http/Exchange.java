package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Principal;
import io.platformsandbox.engine.api.Route;
import java.time.Instant;

/**
 * One finished request and its answer, handed to the audit log and the traffic log.
 *
 * @param route the matched route; {@code null} when none matched
 * @param principal the authenticated app; {@code null} for unauthenticated calls
 * @param target path and query as sent
 * @param purpose the {@code Platform-Purpose} header, if sent
 * @param faultId the id of the injected fault that shaped this answer, or null
 */
public record Exchange(
    String requestId,
    Instant startedAt,
    String method,
    String target,
    String path,
    Route route,
    Principal principal,
    String purpose,
    String requestContentType,
    byte[] requestBody,
    ApiResponse response,
    long latencyMicros,
    String faultId) {}
