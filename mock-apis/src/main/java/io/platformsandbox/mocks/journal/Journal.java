package io.platformsandbox.mocks.journal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The request journal: every request the mock server saw, with the plugin that sent it, the host,
 * the matched stub or the violation, the injected fault and the response.
 *
 * <p>Bounded: it keeps the newest {@link #CAPACITY} entries. It is cleared by {@link #clear()},
 * by WireMock's own journal reset ({@code DELETE /__admin/requests}, {@code resetAll()}) and by
 * {@link io.platformsandbox.mocks.MockApis#reset()}.
 *
 * <p>Thread-safe. Entries are recorded on the thread that served the request, after the response
 * was sent, so a client that has its response may need to wait a moment to see the entry (tests:
 * wait on a condition).
 */
public interface Journal {

  int CAPACITY = 5_000;

  /** Bodies longer than this (in chars) are truncated in the journal. */
  int MAX_BODY_CHARS = 1 << 20;

  /** Matching entries, newest first. */
  List<JournalEntry> entries(JournalQuery query);

  /**
   * Entries whose URL, request headers or request body contain {@code needle}, as sent or
   * URL-decoded: how the validator looks for canary values in egress traffic.
   */
  default List<JournalEntry> search(String needle) {
    return entries(JournalQuery.all().containing(needle));
  }

  /** Egress policy violations, newest first. */
  default List<JournalEntry> violations() {
    return entries(JournalQuery.all().violations());
  }

  Optional<JournalEntry> get(String id);

  /**
   * The stubs that came closest to matching an {@link Verdict#UNMATCHED} entry, closest first,
   * against the stubs installed now; empty for other entries.
   */
  List<NearMiss> nearMisses(String id);

  void clear();

  /**
   * Calls {@code listener} with every new entry, on the request's thread; keep it quick and do not
   * throw (exceptions are logged and ignored). Close the returned handle to stop.
   */
  AutoCloseable subscribe(Consumer<JournalEntry> listener);
}
