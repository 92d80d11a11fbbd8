package io.platformsandbox.engine.traffic;

import java.time.Instant;

/**
 * One request as the traffic view shows it; bodies are truncated text.
 *
 * @param app the calling app's client id, or {@code null}
 * @param fault the id of the injected fault that shaped this request, or {@code null}
 */
public record TrafficEntry(
    long id,
    Instant time,
    String requestId,
    String tenant,
    String app,
    String method,
    String path,
    int status,
    double latencyMs,
    String requestBody,
    String responseBody,
    boolean truncated,
    String fault) {}
