package io.platformsandbox.mocks.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the mock server saw, through the proxy or sent to it directly.
 *
 * <p>Bodies are kept as text (UTF-8, lossy for binary) up to {@link Journal#MAX_BODY_CHARS}; {@code
 * requestBodyTruncated} says when a body was cut. Header names keep the case the client sent.
 *
 * @param id this entry's id
 * @param time when the request arrived
 * @param pluginId the calling plugin's identity; {@code anonymous} when anonymous egress is on and
 *     no credentials were sent; {@code null} for requests sent straight to the mock server
 * @param viaProxy whether it came through the proxy (absolute-form or a {@code CONNECT} tunnel)
 * @param method HTTP method ({@code CONNECT} for a refused tunnel)
 * @param scheme {@code http} or {@code https}
 * @param host the target host
 * @param port the target port, or -1 when the client named none
 * @param url path and query
 * @param requestHeaders request headers (without {@code Proxy-Authorization})
 * @param requestBody request body text, possibly truncated
 * @param requestBodyTruncated whether {@code requestBody} was cut
 * @param verdict what happened
 * @param stubId the matched stub's id, when one matched
 * @param stubName the matched stub's name, when it has one
 * @param stubSet the stub set of the matched stub, when it belongs to one
 * @param faultId the injected fault rule's id, when one applied
 * @param status the response status; 0 when the connection was reset or closed
 * @param responseHeaders response headers
 * @param responseBody response body text, possibly truncated
 * @param durationMs time from arrival to the end of the response
 * @param serveEventId WireMock's serve event id ({@code /__admin/requests/{id}}), when WireMock
 *     handled the request
 */
public record JournalEntry(
    String id,
    Instant time,
    String pluginId,
    boolean viaProxy,
    String method,
    String scheme,
    String host,
    int port,
    String url,
    Map<String, List<String>> requestHeaders,
    String requestBody,
    boolean requestBodyTruncated,
    Verdict verdict,
    String stubId,
    String stubName,
    String stubSet,
    String faultId,
    int status,
    Map<String, List<String>> responseHeaders,
    String responseBody,
    long durationMs,
    String serveEventId) {

  /** Whether this entry is an egress policy violation. */
  public boolean violation() {
    return verdict.violation();
  }
}
