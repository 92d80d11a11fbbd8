package io.platformsandbox.engine.events;

import io.platformsandbox.engine.api.Ids;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.store.Database;
import io.platformsandbox.engine.store.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Durable, ordered topics per tenant. Offsets are handed out in order under a short per-topic lock;
 * the transactions then commit in parallel, and readers see only offsets below every append still
 * in flight (the watermark), so a consumer reading "after N" can never skip an event that commits
 * later. An append that rolls back leaves a gap in the offsets. The {@code platform} topic exists
 * in every tenant and carries the system events. Thread-safe.
 */
public final class EventLog {
  public static final String PLATFORM = "platform";
  public static final Pattern TOPIC_NAME = Pattern.compile("[a-z][a-z0-9._-]{0,99}");

  /** Per topic: the append lock, the last committed offset, and a condition consumers wait on. */
  private static final class TopicState {
    final ReentrantLock lock = new ReentrantLock();
    final Condition appended = lock.newCondition();
    /** The last offset handed out. */
    long assigned;
    /** First offsets of appends that hold offsets but have not finished their transaction. */
    final java.util.TreeSet<Long> pending = new java.util.TreeSet<>();
    /** The watermark: every offset up to here is committed (or was abandoned); readers stop here. */
    volatile long committed;
  }

  private final Database db;
  private final SandboxClock clock;
  private final Map<String, TopicState> topics = new ConcurrentHashMap<>();
  private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();

  public EventLog(Database db, SandboxClock clock) {
    this.db = db;
    this.clock = clock;
  }

  public void subscribe(EventSubscriber subscriber) {
    subscribers.add(subscriber);
  }

  // ---- topics ---------------------------------------------------------------------------

  public Instant createTopic(String tenant, String name) {
    if (name == null || !TOPIC_NAME.matcher(name).matches()) {
      throw ApiException.invalidField(
          "name", "must be 1-100 characters: a lowercase letter, then lowercase letters, digits, '.', '_' or '-'");
    }
    if (name.equals(PLATFORM) || topicExists(tenant, name)) {
      throw ApiException.conflict("Topic '" + name + "' already exists.");
    }
    Instant now = now();
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO TOPICS (TENANT, NAME, CREATED_AT) VALUES (?,?,?)")) {
            ps.setString(1, tenant);
            ps.setString(2, name);
            ps.setObject(3, utc(now));
            return ps.executeUpdate();
          }
        });
    return now;
  }

  public boolean topicExists(String tenant, String name) {
    if (PLATFORM.equals(name)) {
      return true;
    }
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM TOPICS WHERE TENANT = ? AND NAME = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Topic names of a tenant with their creation time ({@code platform} first, created with the tenant). */
  public List<Map.Entry<String, Instant>> topics(String tenant) {
    List<Map.Entry<String, Instant>> out = new ArrayList<>();
    out.add(Map.entry(PLATFORM, Instant.EPOCH));
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT NAME, CREATED_AT FROM TOPICS WHERE TENANT = ? ORDER BY NAME")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
              }
            }
          }
          return null;
        });
    return out;
  }

  public long latestOffset(String tenant, String topic) {
    return state(tenant, topic).committed;
  }

  // ---- appending ------------------------------------------------------------------------

  /**
   * Runs {@code work} and appends the events it returns to {@code topic}, all in one transaction:
   * no event without its change, no change without its event.
   */
  public <T> Appended<T> appendWith(String tenant, String topic, SqlWork<Appending<T>> work) {
    TopicState state = state(tenant, topic);
    List<Event> appended = new ArrayList<>();
    long[] first = {0};
    T result;
    try {
      result =
          db.transaction(
              c -> {
                appended.clear();
                Appending<T> a = work.run(c);
                if (a.events().isEmpty()) {
                  return a.result();
                }
                long offset;
                Instant now;
                // Offsets are handed out in order under the lock; the commit happens outside it,
                // and readers only see offsets below every append still in flight (the watermark).
                state.lock.lock();
                try {
                  offset = state.assigned;
                  state.assigned += a.events().size();
                  first[0] = offset + 1;
                  state.pending.add(first[0]);
                  now = now();
                } finally {
                  state.lock.unlock();
                }
                for (EventDraft draft : a.events()) {
                  Event e =
                      new Event(tenant, topic, ++offset, "evt_" + Ids.hex(10), draft.type(), now, draft.subject(), draft.data(), draft.sensitive());
                  insert(c, e);
                  for (EventSubscriber s : subscribers) {
                    s.inTransaction(c, e);
                  }
                  appended.add(e);
                }
                return a.result();
              });
    } finally {
      if (first[0] > 0) {
        finish(state, first[0]);
      }
    }
    if (!appended.isEmpty()) {
      for (EventSubscriber s : subscribers) {
        s.afterCommit(appended);
      }
    }
    return new Appended<>(result, appended);
  }

  /** An append ended (committed, or rolled back leaving a gap): move the watermark, wake readers. */
  private static void finish(TopicState state, long firstOffset) {
    state.lock.lock();
    try {
      state.pending.remove(firstOffset);
      state.committed = state.pending.isEmpty() ? state.assigned : state.pending.first() - 1;
      state.appended.signalAll();
    } finally {
      state.lock.unlock();
    }
  }

  /** Appends events on their own. */
  public List<Event> append(String tenant, String topic, List<EventDraft> drafts) {
    return appendWith(tenant, topic, c -> new Appending<>(null, drafts)).events();
  }

  /** What {@link #appendWith} did: the work's result and the events it appended. */
  public record Appended<T>(T result, List<Event> events) {
    public Appended {
      events = List.copyOf(events);
    }
  }

  /** The result of work done with events to append. */
  public record Appending<T>(T result, List<EventDraft> events) {
    public Appending {
      events = List.copyOf(events);
    }
  }

  // ---- reading --------------------------------------------------------------------------

  public List<Event> read(String tenant, String topic, long after, int limit) {
    long watermark = state(tenant, topic).committed;
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM EVENTS WHERE TENANT = ? AND TOPIC = ? AND OFFSET_NO > ? AND OFFSET_NO <= ? ORDER BY OFFSET_NO LIMIT ?")) {
            ps.setString(1, tenant);
            ps.setString(2, topic);
            ps.setLong(3, after);
            ps.setLong(4, watermark);
            ps.setInt(5, limit);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(event(rs));
              }
            }
            return out;
          }
        });
  }

  /** Waits until the topic has an event after {@code after}, or the timeout passes. */
  public void awaitAfter(String tenant, String topic, long after, long timeoutMillis) throws InterruptedException {
    TopicState state = state(tenant, topic);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    state.lock.lock();
    try {
      while (state.committed <= after) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        state.appended.awaitNanos(left);
      }
    } finally {
      state.lock.unlock();
    }
  }

  public void deleteTenant(String tenant) {
    db.read(
        c -> {
          try (PreparedStatement a = c.prepareStatement("DELETE FROM EVENTS WHERE TENANT = ?");
              PreparedStatement b = c.prepareStatement("DELETE FROM TOPICS WHERE TENANT = ?")) {
            a.setString(1, tenant);
            a.executeUpdate();
            b.setString(1, tenant);
            b.executeUpdate();
          }
          return null;
        });
    topics.keySet().removeIf(k -> k.startsWith(tenant + "/"));
  }

  /** Forgets cached offsets, after the database was replaced underneath (snapshot restore). */
  public void reload() {
    topics.clear();
  }

  private TopicState state(String tenant, String topic) {
    return topics.computeIfAbsent(
        tenant + "/" + topic,
        k -> {
          TopicState s = new TopicState();
          s.assigned =
              db.read(
                  c -> {
                    try (PreparedStatement ps =
                        c.prepareStatement("SELECT COALESCE(MAX(OFFSET_NO), 0) FROM EVENTS WHERE TENANT = ? AND TOPIC = ?")) {
                      ps.setString(1, tenant);
                      ps.setString(2, topic);
                      try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                      }
                    }
                  });
          s.committed = s.assigned;
          return s;
        });
  }

  private static void insert(Connection c, Event e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO EVENTS (TENANT, TOPIC, OFFSET_NO, ID, TYPE, OCCURRED_AT, SUBJECT, DATA, SENSITIVE) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, e.tenant());
      ps.setString(2, e.topic());
      ps.setLong(3, e.offset());
      ps.setString(4, e.id());
      ps.setString(5, e.type());
      ps.setObject(6, utc(e.occurredAt()));
      ps.setString(7, e.subject());
      ps.setString(8, Json.string(e.data()));
      ps.setString(9, e.sensitive().isEmpty() ? null : String.join(",", e.sensitive()));
      ps.executeUpdate();
    }
  }

  private static Event event(ResultSet rs) throws SQLException {
    String sensitive = rs.getString("SENSITIVE");
    return new Event(
        rs.getString("TENANT"),
        rs.getString("TOPIC"),
        rs.getLong("OFFSET_NO"),
        rs.getString("ID"),
        rs.getString("TYPE"),
        rs.getObject("OCCURRED_AT", OffsetDateTime.class).toInstant(),
        rs.getString("SUBJECT"),
        Json.parseTrusted(rs.getString("DATA")),
        sensitive == null ? List.of() : Arrays.asList(sensitive.split(",")));
  }

  private Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

}
