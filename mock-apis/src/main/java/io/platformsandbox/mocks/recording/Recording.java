package io.platformsandbox.mocks.recording;

import java.time.Instant;

/**
 * An active recording: requests to {@code host} are proxied to {@code targetBaseUrl}.
 *
 * @param host the external host being recorded
 * @param targetBaseUrl the real service, e.g. {@code https://api.crm.example} or a local fake
 * @param startedAt when it started
 */
public record Recording(String host, String targetBaseUrl, Instant startedAt) {}
