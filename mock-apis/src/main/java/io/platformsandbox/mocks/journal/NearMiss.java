package io.platformsandbox.mocks.journal;

/**
 * A stub that almost matched an unmatched request.
 *
 * @param stubId the stub's id
 * @param stubName the stub's name, or {@code null}
 * @param distance 0 (identical) to 1 (nothing in common), WireMock's match distance
 * @param diff WireMock's plain-text diff of the request against the stub
 */
public record NearMiss(String stubId, String stubName, double distance, String diff) {}
