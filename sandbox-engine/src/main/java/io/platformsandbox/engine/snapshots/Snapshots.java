package io.platformsandbox.engine.snapshots;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.Version;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.files.Blobs;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.store.AtomicFiles;
import io.platformsandbox.engine.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whole-state export and import, and named snapshots. An import is checked completely (archive,
 * checksums, and the database script loaded into a scratch database) before anything is replaced;
 * if applying it still fails, the state from just before is put back. Thread-safe (serialised).
 */
public final class Snapshots {
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  /** Hooks around a restore: quiesce before, reload caches after. */
  public interface Lifecycle {
    void beforeRestore();

    void afterRestore();
  }

  /** A named snapshot. */
  public record Info(String name, long size, Instant createdAt) {}

  private final Database db;
  private final Blobs blobs;
  private final Path dir;
  private final SandboxClock clock;
  private final Lifecycle lifecycle;
  private final Map<String, byte[]> inMemory = new ConcurrentHashMap<>();
  private final Map<String, Instant> inMemoryTimes = new ConcurrentHashMap<>();

  /** @param dir where named snapshots are kept, or null to keep them in memory */
  public Snapshots(Database db, Blobs blobs, Path dir, SandboxClock clock, Lifecycle lifecycle) {
    this.db = db;
    this.blobs = blobs;
    this.dir = dir;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  // ---- export / import ------------------------------------------------------------------

  public synchronized byte[] export() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(SnapshotFormat.DATABASE, script());
    db.read(
        c -> {
          try (ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT TENANT, SHA256 FROM FILES ORDER BY 1, 2")) {
            while (rs.next()) {
              String tenant = rs.getString(1);
              String sha = rs.getString(2);
              blobs.get(tenant, sha).ifPresent(b -> entries.put("files/" + tenant + "/" + sha, b));
            }
          }
          return null;
        });
    ObjectNode manifest = Json.object();
    manifest.put("sandbox_version", Version.current());
    manifest.put("created_at", clock.now().toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SnapshotFormat.write(out, entries, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Replaces the whole state with an exported one, or changes nothing and says why. */
  public synchronized void importArchive(byte[] archive) {
    Map<String, byte[]> entries = SnapshotFormat.read(archive);
    List<String[]> files = new ArrayList<>();
    for (var e : entries.entrySet()) {
      String name = e.getKey();
      if (name.equals(SnapshotFormat.MANIFEST) || name.equals(SnapshotFormat.DATABASE)) {
        continue;
      }
      String[] parts = name.split("/");
      if (parts.length != 3 || !parts[0].equals("files") || !parts[2].equals(SnapshotFormat.sha256(e.getValue()))) {
        throw invalid("The snapshot holds an unexpected entry '" + name + "'.");
      }
      files.add(new String[] {parts[1], parts[2]});
    }
    byte[] sql = entries.get(SnapshotFormat.DATABASE);
    checkLoads(sql);
    byte[] rollback = export();
    lifecycle.beforeRestore();
    try {
      apply(sql, files, entries);
    } catch (RuntimeException e) {
      Map<String, byte[]> previous = SnapshotFormat.read(rollback);
      List<String[]> previousFiles = new ArrayList<>();
      previous.keySet().stream()
          .filter(n -> n.startsWith("files/"))
          .forEach(n -> previousFiles.add(n.substring(6).split("/")));
      apply(previous.get(SnapshotFormat.DATABASE), previousFiles, previous);
      throw new IllegalStateException("restoring the snapshot failed; the previous state was put back", e);
    } finally {
      lifecycle.afterRestore();
    }
  }

  private void apply(byte[] sql, List<String[]> files, Map<String, byte[]> entries) {
    Path script = temp(sql);
    try {
      db.read(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("DROP ALL OBJECTS");
              s.execute("RUNSCRIPT FROM '" + script.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            return null;
          });
    } finally {
      deleteQuietly(script);
    }
    blobs.clear();
    for (String[] f : files) {
      blobs.put(f[0], f[1], entries.get("files/" + f[0] + "/" + f[1]));
    }
  }

  /** Proves the script loads, in a scratch in-memory database, before the real one is touched. */
  private static void checkLoads(byte[] sql) {
    Path script = temp(sql);
    String url = "jdbc:h2:mem:snapshot-check-" + UUID.randomUUID();
    try (Connection c = DriverManager.getConnection(url, "sandbox", "");
        Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + script.toAbsolutePath().toString().replace("'", "''") + "'");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TENANTS")) {
        rs.next();
      }
    } catch (SQLException e) {
      throw invalid("The snapshot's database could not be loaded: " + e.getMessage().lines().findFirst().orElse("") + ".");
    } finally {
      deleteQuietly(script);
    }
  }

  private byte[] script() {
    Path target;
    try {
      target = Files.createTempFile("sandbox-export-", ".sql");
      Files.delete(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      db.read(c -> c.createStatement().execute("SCRIPT TO '" + target.toAbsolutePath().toString().replace("'", "''") + "'"));
      return Files.readAllBytes(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(target);
    }
  }

  // ---- named snapshots ------------------------------------------------------------------

  public synchronized Info create(String name) {
    checkName(name);
    if (find(name).isPresent()) {
      throw ApiException.conflict("A snapshot named '" + name + "' exists already; delete it first or pick another name.");
    }
    byte[] archive = export();
    Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS);
    if (dir == null) {
      inMemory.put(name, archive);
      inMemoryTimes.put(name, now);
    } else {
      writeAtomically(dir.resolve(name + ".zip"), archive);
    }
    return new Info(name, archive.length, now);
  }

  public synchronized void restore(String name) {
    checkName(name);
    byte[] archive = read(name).orElseThrow(() -> ApiException.notFound("No snapshot named '" + name + "'."));
    importArchive(archive);
  }

  public synchronized void delete(String name) {
    checkName(name);
    if (find(name).isEmpty()) {
      throw ApiException.notFound("No snapshot named '" + name + "'.");
    }
    if (dir == null) {
      inMemory.remove(name);
      inMemoryTimes.remove(name);
    } else {
      deleteQuietly(dir.resolve(name + ".zip"));
    }
  }

  public synchronized List<Info> list() {
    List<Info> out = new ArrayList<>();
    if (dir == null) {
      inMemory.forEach((n, b) -> out.add(new Info(n, b.length, inMemoryTimes.get(n))));
    } else if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList()) {
          String n = p.getFileName().toString();
          out.add(new Info(n.substring(0, n.length() - 4), Files.size(p), Files.getLastModifiedTime(p).toInstant()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private Optional<Info> find(String name) {
    return list().stream().filter(i -> i.name().equals(name)).findFirst();
  }

  private Optional<byte[]> read(String name) {
    if (dir == null) {
      return Optional.ofNullable(inMemory.get(name));
    }
    Path p = dir.resolve(name + ".zip");
    try {
      return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.invalidField("name", "must be 1-63 lowercase letters, digits, '.', '_' or '-'");
    }
  }

  /** Writes to a temporary file next to the target, then renames: an earlier file is never damaged. */
  public static void writeAtomically(Path target, byte[] content) {
    AtomicFiles.write(target, content);
  }

  private static Path temp(byte[] content) {
    try {
      Path p = Files.createTempFile("sandbox-snapshot-", ".sql");
      Files.write(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover temporary file is harmless.
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(new Problem(422, "invalid-snapshot", "Invalid snapshot", detail + " Nothing was changed."));
  }
}
