package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.platformsandbox.mocks.journal.Journal;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.journal.NearMiss;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.HostNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bounded, in-memory request journal. */
final class EgressJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(EgressJournal.class);

  private final Deque<JournalEntry> entries = new ArrayDeque<>();
  private final Map<String, JournalEntry> byId = new HashMap<>();
  /** The WireMock request of each unmatched entry, to compute near misses on demand. */
  private final Map<String, LoggedRequest> unmatched = new HashMap<>();

  private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();
  private final int capacity;
  private volatile WireMockServer server;

  EgressJournal(int capacity) {
    this.capacity = capacity;
  }

  void bind(WireMockServer wireMockServer) {
    this.server = wireMockServer;
  }

  void add(JournalEntry entry, LoggedRequest request) {
    synchronized (this) {
      entries.addLast(entry);
      byId.put(entry.id(), entry);
      if (entry.verdict() == Verdict.UNMATCHED && request != null) {
        unmatched.put(entry.id(), request);
      }
      while (entries.size() > capacity) {
        JournalEntry old = entries.removeFirst();
        byId.remove(old.id());
        unmatched.remove(old.id());
      }
    }
    for (Consumer<JournalEntry> l : listeners) {
      try {
        l.accept(entry);
      } catch (RuntimeException e) {
        LOG.warn("journal listener failed", e);
      }
    }
  }

  @Override
  public List<JournalEntry> entries(JournalQuery q) {
    List<JournalEntry> snapshot;
    synchronized (this) {
      snapshot = new ArrayList<>(entries);
    }
    List<JournalEntry> out = new ArrayList<>();
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      JournalEntry e = snapshot.get(i);
      if (matches(q, e)) {
        out.add(e);
        if (q.limit() > 0 && out.size() >= q.limit()) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<JournalEntry> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<NearMiss> nearMisses(String id) {
    LoggedRequest request;
    synchronized (this) {
      request = unmatched.get(id);
    }
    WireMockServer wm = server;
    if (request == null || wm == null) {
      return List.of();
    }
    List<NearMiss> out = new ArrayList<>();
    for (com.github.tomakehurst.wiremock.verification.NearMiss n :
        wm.findTopNearMissesFor(request).getNearMisses()) {
      var stub = n.getStubMapping();
      out.add(
          new NearMiss(
              stub == null || stub.getId() == null ? null : stub.getId().toString(),
              stub == null ? null : stub.getName(),
              n.getMatchResult().getDistance(),
              n.getDiff().toString()));
    }
    return out;
  }

  @Override
  public synchronized void clear() {
    entries.clear();
    byId.clear();
    unmatched.clear();
  }

  @Override
  public AutoCloseable subscribe(Consumer<JournalEntry> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private static boolean matches(JournalQuery q, JournalEntry e) {
    if (q.pluginId() != null && !q.pluginId().equals(e.pluginId())) {
      return false;
    }
    if (q.host() != null && !HostNames.matches(q.host(), e.host())) {
      return false;
    }
    if (q.verdict() != null && q.verdict() != e.verdict()) {
      return false;
    }
    if (q.violationsOnly() && !e.violation()) {
      return false;
    }
    if (q.since() != null && e.time().isBefore(q.since())) {
      return false;
    }
    return q.contains() == null || q.contains().isEmpty() || contains(e, q.contains());
  }

  static boolean contains(JournalEntry e, String needle) {
    if (hit(e.url(), needle) || hit(e.requestBody(), needle)) {
      return true;
    }
    for (Map.Entry<String, List<String>> h : e.requestHeaders().entrySet()) {
      if (h.getKey().contains(needle)) {
        return true;
      }
      for (String v : h.getValue()) {
        if (hit(v, needle)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hit(String text, String needle) {
    if (text == null) {
      return false;
    }
    if (text.contains(needle)) {
      return true;
    }
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return false;
    }
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8).contains(needle);
    } catch (IllegalArgumentException notEncoded) {
      return false;
    }
  }
}
