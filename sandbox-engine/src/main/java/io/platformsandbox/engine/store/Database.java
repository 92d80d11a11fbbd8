package io.platformsandbox.engine.store;

import io.platformsandbox.engine.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The engine's H2 database: a file in {@code <workspace>/.sandbox/data} or a private in-memory one.
 * Thread-safe; every call borrows a connection for its duration.
 *
 * <p>The connections are kept open between calls (a pool of physical connections, never closed
 * until {@link #close()}): H2 caches parsed statements per session, and a pool that closes its
 * logical connections loses that cache, so every statement was parsed again (docs/performance.md,
 * hot spot 3).
 */
public final class Database implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 64;

  private final String url;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_CONNECTIONS);
  private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
  private final boolean inMemory;
  private volatile boolean closed;

  private Database(String url, boolean inMemory) {
    this.url = url + ";QUERY_CACHE_SIZE=64";
    this.inMemory = inMemory;
  }

  /** Opens (creating if needed) the database file under {@code dataDir}. */
  public static Database file(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
    // WRITE_DELAY=0: a commit reaches the file before the call returns, so an acknowledged write
    // survives the process being killed (see docs/decisions/0003-durability.md).
    String url =
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve("sandbox")
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    Database db = new Database(url, false);
    db.migrate();
    return db;
  }

  /** A fresh private in-memory database; nothing is written to disk. */
  public static Database inMemory() {
    String url = "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Database db = new Database(url, true);
    db.migrate();
    return db;
  }

  public boolean isInMemory() {
    return inMemory;
  }

  /** Runs {@code work} with auto-commit on. */
  public <T> T read(SqlWork<T> work) {
    Connection c = borrow();
    boolean healthy = true;
    try {
      return work.run(c);
    } catch (SQLException e) {
      healthy = stillOpen(c);
      throw new StoreException("database call failed: " + e.getMessage(), e);
    } finally {
      giveBack(c, healthy);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed or none. */
  public <T> T transaction(SqlWork<T> work) {
    Connection c = borrow();
    boolean healthy = true;
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      healthy = stillOpen(c);
      throw new StoreException("database transaction failed: " + e.getMessage(), e);
    } catch (ApiException e) {
      throw e;
    } finally {
      giveBack(c, healthy);
    }
  }

  private Connection borrow() {
    if (closed) {
      throw new StoreException("the database is closed", null);
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a database connection", e);
    }
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return DriverManager.getConnection(url, "sandbox", "");
    } catch (SQLException e) {
      permits.release();
      throw new StoreException("cannot open the database: " + e.getMessage(), e);
    }
  }

  private void giveBack(Connection c, boolean healthy) {
    try {
      if (healthy && !closed && idle.offer(c)) {
        return;
      }
      closeQuietly(c);
    } finally {
      permits.release();
    }
  }

  private static boolean stillOpen(Connection c) {
    try {
      return !c.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Closing a broken connection: nothing more to do.
    }
  }

  private void migrate() {
    String script;
    try (InputStream in = Database.class.getResourceAsStream("schema.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    read(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
              if (!sql.isBlank()) {
                s.execute(sql);
              }
            }
          }
          return null;
        });
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, "sandbox", ""); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Already shut down: nothing left to close.
    }
    closed = true;
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      closeQuietly(c);
    }
  }
}
