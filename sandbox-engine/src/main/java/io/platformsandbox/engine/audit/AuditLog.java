package io.platformsandbox.engine.audit;

import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.http.Exchange;
import io.platformsandbox.engine.http.ExchangeListener;
import io.platformsandbox.engine.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of every app call. Calls are queued and written in batches by one background
 * thread so that requests never wait on it; {@link #query} first waits for what is queued, so a
 * reader always sees every call that finished before it asked. Thread-safe.
 */
public final class AuditLog implements ExchangeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final int BATCH = 500;
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** What to look for; {@code null} fields match anything. */
  public record Query(String tenant, String actor, String resourcePrefix, Instant since, Long beforeSeq, int limit) {}

  private final Database db;
  private final SandboxClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private final Condition written = lock.newCondition();
  private List<AuditEntry> pending = new ArrayList<>();
  private long enqueued;
  private long flushed;
  private int flushWaiters;
  private volatile boolean closed;
  private final Thread writer;

  public AuditLog(Database db, SandboxClock clock) {
    this.db = db;
    this.clock = clock;
    this.writer = new Thread(this::writeLoop, "audit-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  @Override
  public void onExchange(Exchange exchange) {
    if (exchange.principal() == null || exchange.route() == null) {
      return;
    }
    String path = exchange.path();
    String resource = path.startsWith("/v1/") ? path.substring(4) : path;
    append(
        new AuditEntry(
            0,
            clock.now(),
            exchange.principal().tenant(),
            exchange.principal().clientId(),
            exchange.principal().appName(),
            exchange.route().action(),
            exchange.method(),
            resource,
            exchange.response().status(),
            exchange.response().piiReturned(),
            exchange.purpose(),
            exchange.requestId()));
  }

  /** Queues one entry; it is written within milliseconds. */
  public void append(AuditEntry entry) {
    lock.lock();
    try {
      pending.add(entry);
      enqueued++;
      queued.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until everything queued before this call is in the database. */
  public void flush() {
    lock.lock();
    try {
      long target = enqueued;
      flushWaiters++;
      queued.signal(); // cut a linger short
      while (flushed < target && !closed) {
        written.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      flushWaiters--;
      lock.unlock();
    }
  }

  public List<AuditEntry> query(Query q) {
    flush();
    StringBuilder sql = new StringBuilder("SELECT * FROM AUDIT WHERE TENANT = ?");
    List<Object> params = new ArrayList<>();
    params.add(q.tenant());
    if (q.actor() != null) {
      sql.append(" AND (CLIENT_ID = ? OR APP_NAME = ?)");
      params.add(q.actor());
      params.add(q.actor());
    }
    if (q.resourcePrefix() != null) {
      sql.append(" AND (RESOURCE = ? OR RESOURCE LIKE ? ESCAPE '\\')");
      params.add(q.resourcePrefix());
      params.add(escapeLike(q.resourcePrefix()) + "/%");
    }
    if (q.since() != null) {
      sql.append(" AND AT >= ?");
      params.add(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC));
    }
    if (q.beforeSeq() != null) {
      sql.append(" AND SEQ < ?");
      params.add(q.beforeSeq());
    }
    sql.append(" ORDER BY SEQ DESC LIMIT ?");
    params.add(q.limit());
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(entry(rs));
              }
            }
            return out;
          }
        });
  }

  /** Removes a tenant's entries (when the tenant itself is deleted). */
  public void deleteTenant(String tenant) {
    flush();
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM AUDIT WHERE TENANT = ?")) {
            ps.setString(1, tenant);
            return ps.executeUpdate();
          }
        });
  }

  private void writeLoop() {
    while (true) {
      List<AuditEntry> batch;
      lock.lock();
      try {
        while (pending.isEmpty() && !closed) {
          queued.await();
        }
        // Linger briefly so that a burst becomes one commit, unless a reader is waiting.
        long lingerUntil = System.nanoTime() + LINGER_NANOS;
        while (pending.size() < BATCH && !closed && flushWaiters == 0) {
          long left = lingerUntil - System.nanoTime();
          if (left <= 0) {
            break;
          }
          queued.awaitNanos(left);
        }
        if (pending.isEmpty() && closed) {
          written.signalAll();
          return;
        }
        batch = pending;
        pending = new ArrayList<>();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        write(batch);
      } catch (RuntimeException e) {
        LOG.error("could not write {} audit entries", batch.size(), e);
      }
      lock.lock();
      try {
        flushed += batch.size();
        written.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void write(List<AuditEntry> batch) {
    for (int from = 0; from < batch.size(); from += BATCH) {
      List<AuditEntry> part = batch.subList(from, Math.min(batch.size(), from + BATCH));
      db.transaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO AUDIT (AT, TENANT, CLIENT_ID, APP_NAME, ACTION, METHOD, RESOURCE, STATUS, PII, PURPOSE, REQUEST_ID)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
              for (AuditEntry e : part) {
                ps.setObject(1, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                ps.setString(2, e.tenant());
                ps.setString(3, e.clientId());
                ps.setString(4, e.appName());
                ps.setString(5, e.action());
                ps.setString(6, e.method());
                ps.setString(7, truncate(e.resource(), 2000));
                ps.setInt(8, e.status());
                ps.setBoolean(9, e.pii());
                ps.setString(10, e.purpose() == null ? null : truncate(e.purpose(), 500));
                ps.setString(11, e.requestId());
                ps.addBatch();
              }
              ps.executeBatch();
            }
            return null;
          });
    }
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong("SEQ"),
        rs.getObject("AT", OffsetDateTime.class).toInstant(),
        rs.getString("TENANT"),
        rs.getString("CLIENT_ID"),
        rs.getString("APP_NAME"),
        rs.getString("ACTION"),
        rs.getString("METHOD"),
        rs.getString("RESOURCE"),
        rs.getInt("STATUS"),
        rs.getBoolean("PII"),
        rs.getString("PURPOSE"),
        rs.getString("REQUEST_ID"));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Writes what is queued, then stops the writer thread. Safe to call twice. */
  @Override
  public void close() {
    flush();
    lock.lock();
    try {
      closed = true;
      queued.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
