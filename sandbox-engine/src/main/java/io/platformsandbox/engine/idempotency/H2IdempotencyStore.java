package io.platformsandbox.engine.idempotency;

import com.fasterxml.jackson.core.type.TypeReference;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.http.IdempotencyStore;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency keys in H2, so a retry after a restart still replays the first answer. Keys expire
 * after 24 hours of sandbox time, as on the platform.
 */
public final class H2IdempotencyStore implements IdempotencyStore {
  public static final Duration TTL = Duration.ofHours(24);
  private final Database db;
  private final SandboxClock clock;

  public H2IdempotencyStore(Database db, SandboxClock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Optional<Entry> find(String tenant, String clientId, String key) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT FINGERPRINT, STATUS, CONTENT_TYPE, HEADERS, BODY FROM IDEMPOTENCY"
                      + " WHERE TENANT = ? AND CLIENT_ID = ? AND IKEY = ? AND CREATED_AT > ?")) {
            ps.setString(1, tenant);
            ps.setString(2, clientId);
            ps.setString(3, key);
            ps.setObject(4, OffsetDateTime.ofInstant(clock.now().minus(TTL), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Map<String, String> headers;
              try {
                headers = Json.MAPPER.readValue(rs.getString(4), new TypeReference<Map<String, String>>() {});
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return Optional.of(
                  new Entry(rs.getString(1), new ApiResponse(rs.getInt(2), rs.getString(3), rs.getBytes(5), headers, false)));
            }
          }
        });
  }

  @Override
  public void remember(String tenant, String clientId, String key, Entry entry) {
    db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "MERGE INTO IDEMPOTENCY (TENANT, CLIENT_ID, IKEY, FINGERPRINT, STATUS, CONTENT_TYPE, HEADERS, BODY, CREATED_AT)"
                      + " KEY (TENANT, CLIENT_ID, IKEY) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ApiResponse r = entry.response();
            ps.setString(1, tenant);
            ps.setString(2, clientId);
            ps.setString(3, key);
            ps.setString(4, entry.fingerprint());
            ps.setInt(5, r.status());
            ps.setString(6, r.contentType());
            ps.setString(7, Json.string(r.headers()));
            ps.setBytes(8, r.body());
            ps.setObject(9, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
            ps.executeUpdate();
          }
          return null;
        });
  }

  public void deleteTenant(String tenant) {
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM IDEMPOTENCY WHERE TENANT = ?")) {
            ps.setString(1, tenant);
            return ps.executeUpdate();
          }
        });
  }
}
