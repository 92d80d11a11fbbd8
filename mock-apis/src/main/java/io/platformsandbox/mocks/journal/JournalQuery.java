package io.platformsandbox.mocks.journal;

import java.time.Instant;

/**
 * Which journal entries to return; every {@code null} criterion matches everything. Start from
 * {@link #all()} and narrow with the {@code with} methods.
 *
 * @param pluginId only this plugin's requests
 * @param host only requests to this host (case-insensitive)
 * @param verdict only this verdict
 * @param violationsOnly only egress policy violations
 * @param contains only entries whose URL, request header names or values, or request body contain
 *     this string, as sent or URL-decoded (case-sensitive)
 * @param since only entries at or after this time
 * @param limit at most this many entries (the newest), {@code 0} for no limit
 */
public record JournalQuery(
    String pluginId,
    String host,
    Verdict verdict,
    boolean violationsOnly,
    String contains,
    Instant since,
    int limit) {

  public static JournalQuery all() {
    return new JournalQuery(null, null, null, false, null, null, 0);
  }

  public JournalQuery withPlugin(String id) {
    return new JournalQuery(id, host, verdict, violationsOnly, contains, since, limit);
  }

  public JournalQuery withHost(String h) {
    return new JournalQuery(pluginId, h, verdict, violationsOnly, contains, since, limit);
  }

  public JournalQuery withVerdict(Verdict v) {
    return new JournalQuery(pluginId, host, v, violationsOnly, contains, since, limit);
  }

  public JournalQuery violations() {
    return new JournalQuery(pluginId, host, verdict, true, contains, since, limit);
  }

  public JournalQuery containing(String needle) {
    return new JournalQuery(pluginId, host, verdict, violationsOnly, needle, since, limit);
  }

  public JournalQuery withSince(Instant t) {
    return new JournalQuery(pluginId, host, verdict, violationsOnly, contains, t, limit);
  }

  public JournalQuery withLimit(int n) {
    return new JournalQuery(pluginId, host, verdict, violationsOnly, contains, since, n);
  }
}
