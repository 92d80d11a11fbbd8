package io.platformsandbox.engine.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;

/** Engine-wide values that must survive restarts, such as the token signing key. */
public final class Settings {
  private final Database db;

  public Settings(Database db) {
    this.db = db;
  }

  /** The HS256 key for access tokens: made once per database, so tokens outlive a restart. */
  public synchronized byte[] tokenKey() {
    String hex = get("token_key");
    if (hex == null) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      hex = HexFormat.of().formatHex(key);
      put("token_key", hex);
    }
    return HexFormat.of().parseHex(hex);
  }

  /** Writes the running key back, e.g. after a snapshot from another sandbox replaced the table. */
  public synchronized void keepTokenKey(byte[] key) {
    put("token_key", HexFormat.of().formatHex(key));
  }

  private String get(String name) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT VAL FROM SETTINGS WHERE NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  private void put(String name, String value) {
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("MERGE INTO SETTINGS (NAME, VAL) KEY (NAME) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            return ps.executeUpdate();
          }
        });
  }
}
