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
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The engine's H2 database: a file in {@code <workspace>/.sandbox/data} or a private in-memory one.
 * Thread-safe; every call borrows a pooled connection for its duration.
 */
public final class Database implements AutoCloseable {
  private final JdbcConnectionPool pool;
  private final boolean inMemory;
  private volatile boolean closed;

  private Database(String url, boolean inMemory) {
    this.pool = JdbcConnectionPool.create(url, "sandbox", "");
    this.pool.setMaxConnections(64);
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
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database call failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed or none. */
  public <T> T transaction(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
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
      throw new StoreException("database transaction failed: " + e.getMessage(), e);
    } catch (ApiException e) {
      throw e;
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
    closed = true;
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Already shut down: nothing left to close.
    }
    pool.dispose();
  }
}
