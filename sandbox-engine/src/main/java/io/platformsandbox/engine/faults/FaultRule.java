package io.platformsandbox.engine.faults;

/**
 * One fault rule of {@code /_sandbox/faults} (DESIGN §4). {@code null} matchers match anything;
 * {@code count} null means unlimited.
 *
 * @param path a pattern where {@code *} matches within a segment and {@code **} across segments
 */
public record FaultRule(
    String id,
    String method,
    String path,
    String app,
    Integer status,
    Integer retryAfterSeconds,
    long latencyMs,
    boolean drop,
    double probability,
    Integer count) {}
