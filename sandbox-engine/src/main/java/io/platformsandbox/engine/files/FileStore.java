package io.platformsandbox.engine.files;

import io.platformsandbox.engine.api.ApiException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.events.EventDraft;
import io.platformsandbox.engine.events.EventLog;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.store.Database;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The files API's storage: metadata rows in H2, bodies in {@link Blobs}. A path is switched to
 * new content by one metadata commit, after the body is safely stored. Thread-safe.
 */
public final class FileStore {
  private final Database db;
  private final Blobs blobs;
  private final SandboxClock clock;
  private final EventLog events;

  /** The outcome of a write: the stored file, and whether the path is new. */
  public record Written(FileMeta meta, boolean created) {}

  public FileStore(Database db, Blobs blobs, SandboxClock clock, EventLog events) {
    this.db = db;
    this.blobs = blobs;
    this.clock = clock;
    this.events = events;
  }

  /** The system event for a file change: data {path, size, sha256, content_type}. */
  private static EventDraft event(String type, FileMeta meta) {
    ObjectNode data = Json.object();
    data.put("path", meta.path());
    data.put("size", meta.size());
    data.put("sha256", meta.sha256());
    data.put("content_type", meta.contentType());
    return EventDraft.of(type, null, data);
  }

  public Written put(String tenant, String path, byte[] content, String contentType) {
    FilePaths.check(path);
    String sha = sha256(content);
    blobs.put(tenant, sha, content);
    Instant now = clock.now().truncatedTo(ChronoUnit.MICROS);
    String[] replacedSha = new String[1];
    Written written =
        events.appendWith(
            tenant,
            EventLog.PLATFORM,
            c -> {
              refuseFileDirectoryClash(c, tenant, path);
              Optional<FileMeta> old = find(c, tenant, path);
              FileMeta meta =
                  new FileMeta(tenant, path, content.length, sha, contentType, old.map(FileMeta::createdAt).orElse(now), now);
              String sql =
                  old.isPresent()
                      ? "UPDATE FILES SET SIZE = ?, SHA256 = ?, CONTENT_TYPE = ?, UPDATED_AT = ?, CREATED_AT = ? WHERE TENANT = ? AND PATH = ?"
                      : "INSERT INTO FILES (SIZE, SHA256, CONTENT_TYPE, UPDATED_AT, CREATED_AT, TENANT, PATH) VALUES (?,?,?,?,?,?,?)";
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, meta.size());
                ps.setString(2, sha);
                ps.setString(3, contentType);
                ps.setObject(4, utc(now));
                ps.setObject(5, utc(meta.createdAt()));
                ps.setString(6, tenant);
                ps.setString(7, path);
                ps.executeUpdate();
              }
              old.ifPresent(o -> replacedSha[0] = o.sha256());
              return new EventLog.Appending<>(
                  new Written(meta, old.isEmpty()),
                  List.of(event(old.isEmpty() ? "file.created" : "file.updated", meta)));
            })
        .result();
    if (replacedSha[0] != null && !replacedSha[0].equals(sha)) {
      deleteBlobIfUnused(tenant, replacedSha[0]);
    }
    return written;
  }

  public Optional<FileMeta> meta(String tenant, String path) {
    return db.read(c -> find(c, tenant, path));
  }

  public Optional<byte[]> content(FileMeta meta) {
    return blobs.get(meta.tenant(), meta.sha256());
  }

  public FileMeta delete(String tenant, String path) {
    FileMeta meta =
        events.appendWith(
            tenant,
            EventLog.PLATFORM,
            c -> {
              FileMeta existing =
                  find(c, tenant, path).orElseThrow(() -> ApiException.notFound("No file '" + path + "'."));
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM FILES WHERE TENANT = ? AND PATH = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, path);
                ps.executeUpdate();
              }
              return new EventLog.Appending<>(existing, List.of(event("file.deleted", existing)));
            })
        .result();
    deleteBlobIfUnused(tenant, meta.sha256());
    return meta;
  }

  /** Files whose path starts with {@code prefix}, in path order, after {@code afterPath}. */
  public List<FileMeta> list(String tenant, String prefix, String afterPath, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM FILES WHERE TENANT = ? AND PATH LIKE ? ESCAPE '\\' AND PATH > ? ORDER BY PATH LIMIT ?")) {
            ps.setString(1, tenant);
            ps.setString(2, escapeLike(prefix) + "%");
            ps.setString(3, afterPath == null ? "" : afterPath);
            ps.setInt(4, limit);
            List<FileMeta> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(meta(rs));
              }
            }
            return out;
          }
        });
  }

  public void deleteTenant(String tenant) {
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM FILES WHERE TENANT = ?")) {
            ps.setString(1, tenant);
            return ps.executeUpdate();
          }
        });
    blobs.deleteTenant(tenant);
  }

  private void deleteBlobIfUnused(String tenant, String sha) {
    boolean used =
        db.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT 1 FROM FILES WHERE TENANT = ? AND SHA256 = ? LIMIT 1")) {
                ps.setString(1, tenant);
                ps.setString(2, sha);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next();
                }
              }
            });
    if (!used) {
      blobs.delete(tenant, sha);
    }
  }

  private static void refuseFileDirectoryClash(Connection c, String tenant, String path) throws SQLException {
    // A path cannot be both a file and a folder of other files.
    try (PreparedStatement ps =
        c.prepareStatement("SELECT PATH FROM FILES WHERE TENANT = ? AND PATH LIKE ? ESCAPE '\\' LIMIT 1")) {
      ps.setString(1, tenant);
      ps.setString(2, escapeLike(path) + "/%");
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw ApiException.conflict("'" + path + "' is a folder holding '" + rs.getString(1) + "'.");
        }
      }
    }
    int slash = path.indexOf('/');
    while (slash > 0) {
      String parent = path.substring(0, slash);
      if (find(c, tenant, parent).isPresent()) {
        throw ApiException.conflict("'" + parent + "' is a file, so it cannot hold '" + path + "'.");
      }
      slash = path.indexOf('/', slash + 1);
    }
  }

  private static Optional<FileMeta> find(Connection c, String tenant, String path) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM FILES WHERE TENANT = ? AND PATH = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(meta(rs)) : Optional.empty();
      }
    }
  }

  private static FileMeta meta(ResultSet rs) throws SQLException {
    return new FileMeta(
        rs.getString("TENANT"),
        rs.getString("PATH"),
        rs.getLong("SIZE"),
        rs.getString("SHA256"),
        rs.getString("CONTENT_TYPE"),
        rs.getObject("CREATED_AT", OffsetDateTime.class).toInstant(),
        rs.getObject("UPDATED_AT", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
