package io.platformsandbox.mocks.recording;

import io.platformsandbox.mocks.stubs.StubSet;
import java.nio.file.Path;
import java.util.List;

/**
 * Record and playback with WireMock's recorder: while a host is recorded, requests to it (still
 * subject to the egress policy) are proxied to a real base URL; stopping turns the exchanges into
 * a stub set named {@code recorded-<host>} that answers offline from then on.
 *
 * <p>Thread-safe.
 */
public interface Recordings {

  /**
   * Starts proxying {@code host} to {@code targetBaseUrl}. The proxy takes precedence over the
   * host's stubs while the recording runs.
   *
   * @throws IllegalStateException when the host is already being recorded
   * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
   */
  Recording start(String host, String targetBaseUrl);

  /**
   * Stops recording {@code host} and turns what was recorded into the enabled stub set {@code
   * recorded-<host>} (replacing an earlier one). Repeated identical requests become a WireMock
   * scenario, so they play back in order.
   *
   * @param saveTo folder to write the mapping files to (created if needed); {@code null} writes
   *     them under the mock server's root directory when it has one, else keeps them in memory
   * @throws java.util.NoSuchElementException when the host is not being recorded
   */
  StubSet stop(String host, Path saveTo);

  List<Recording> active();
}
