package io.platformsandbox.engine.traffic;

import io.platformsandbox.engine.http.Exchange;
import io.platformsandbox.engine.http.ExchangeListener;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last N Platform API requests, in memory, for the traffic view. Control API calls are left
 * out so that watching the traffic does not fill it. Thread-safe.
 */
public final class TrafficLog implements ExchangeListener {
  public static final int BODY_LIMIT = 4096;

  private final List<Consumer<TrafficEntry>> listeners = new CopyOnWriteArrayList<>();
  private final int capacity;
  private final Deque<TrafficEntry> entries;
  private long nextId = 1;

  public TrafficLog(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  @Override
  public void onExchange(Exchange e) {
    if (e.path().startsWith("/_sandbox")) {
      return;
    }
    String requestBody = text(e.requestBody(), e.requestContentType());
    String responseBody = text(e.response().body(), e.response().contentType());
    boolean truncated = e.requestBody().length > BODY_LIMIT || e.response().body().length > BODY_LIMIT;
    TrafficEntry entry;
    synchronized (this) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entry =
          new TrafficEntry(
              nextId++,
              e.startedAt(),
              e.requestId(),
              e.principal() == null ? null : e.principal().tenant(),
              e.principal() == null ? null : e.principal().clientId(),
              e.method(),
              e.target(),
              e.response().status(),
              e.latencyMicros() / 1000.0,
              requestBody,
              responseBody,
              truncated,
              e.faultId());
      entries.addLast(entry);
    }
    for (Consumer<TrafficEntry> listener : listeners) {
      listener.accept(entry);
    }
  }

  /** Tells {@code listener} of every new entry, on the request's thread; it must be quick. */
  public void subscribe(Consumer<TrafficEntry> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<TrafficEntry> listener) {
    listeners.remove(listener);
  }

  /** Entries with an id above {@code afterId}, oldest first, at most {@code limit}. */
  public synchronized List<TrafficEntry> since(long afterId, int limit) {
    List<TrafficEntry> out = new ArrayList<>();
    for (TrafficEntry entry : entries) {
      if (entry.id() > afterId) {
        out.add(entry);
      }
    }
    return out.size() <= limit ? out : out.subList(out.size() - limit, out.size());
  }

  public synchronized void clear() {
    entries.clear();
  }

  private static String text(byte[] body, String contentType) {
    if (body.length == 0) {
      return "";
    }
    boolean textual =
        contentType == null
            || contentType.contains("json")
            || contentType.startsWith("text/")
            || contentType.contains("x-www-form-urlencoded")
            || contentType.contains("xml")
            || contentType.contains("yaml");
    int length = Math.min(body.length, BODY_LIMIT);
    if (textual) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body, 0, length))
            .toString();
      } catch (CharacterCodingException e) {
        // A cut through a multi-byte character, or not text after all: describe it instead.
        if (length < body.length) {
          return new String(body, 0, length, StandardCharsets.UTF_8);
        }
      }
    }
    return "<" + body.length + " bytes of " + (contentType == null ? "binary data" : contentType) + ">";
  }
}
