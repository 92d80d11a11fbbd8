package io.platformsandbox.mocks.stubs;

import java.nio.file.Path;
import java.util.Set;

/**
 * A named group of WireMock stub mappings for one or more external hosts.
 *
 * @param name unique name, e.g. {@code crm} or {@code acme.crm-sync}
 * @param source where the mappings came from
 * @param folder the folder they were loaded from or saved to; {@code null} for built-in sets and
 *     unsaved recordings
 * @param hosts the hosts the mappings answer for
 * @param stubCount how many mappings the set holds
 * @param enabled whether the mappings are currently installed in the mock server
 */
public record StubSet(
    String name, Source source, Path folder, Set<String> hosts, int stubCount, boolean enabled) {

  public StubSet {
    hosts = Set.copyOf(hosts);
  }

  /** Where a stub set came from. */
  public enum Source {
    /** Shipped in this module ({@code crm}, {@code payments}). */
    BUILT_IN,
    /** Loaded from a folder of WireMock mapping files, such as a plugin's {@code mocks/}. */
    FOLDER,
    /** Made by {@link io.platformsandbox.mocks.recording.Recordings#stop}. */
    RECORDING
  }
}
