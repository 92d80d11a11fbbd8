package io.platformsandbox.engine.webhooks;

import io.platformsandbox.engine.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of deliveries and their attempts. */
final class DeliveryStore {
  private final Database db;

  DeliveryStore(Database db) {
    this.db = db;
  }

  Optional<Delivery> find(String id) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT * FROM DELIVERIES WHERE ID = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(delivery(c, rs)) : Optional.empty();
            }
          }
        });
  }

  List<String> due(Instant now, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT ID FROM DELIVERIES WHERE STATUS = 'pending' AND NEXT_ATTEMPT_AT <= ? ORDER BY NEXT_ATTEMPT_AT LIMIT ?")) {
            ps.setObject(1, utc(now));
            ps.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
            return ids;
          }
        });
  }

  /** An attempt and the delivery state it leads to. */
  record Outcome(String id, Delivery.Attempt attempt, String status, int attempts, Instant next) {}

  /** Writes one attempt and the delivery's new state, together. */
  void recordAttempt(String id, Delivery.Attempt attempt, String status, int attempts, Instant next) {
    recordAll(List.of(new Outcome(id, attempt, status, attempts, next)));
  }

  /** Writes many outcomes in one transaction: one commit for a whole burst of deliveries. */
  void recordAll(List<Outcome> outcomes) {
    db.transaction(
        c -> {
          try (PreparedStatement a =
                  c.prepareStatement(
                      "INSERT INTO DELIVERY_ATTEMPTS (DELIVERY_ID, ATTEMPT, AT, STATUS_CODE, LATENCY_MS, ERROR, RESPONSE_EXCERPT, MANUAL)"
                          + " VALUES (?,?,?,?,?,?,?,?)");
              PreparedStatement d =
                  c.prepareStatement("UPDATE DELIVERIES SET STATUS = ?, ATTEMPTS = ?, NEXT_ATTEMPT_AT = ? WHERE ID = ?")) {
            for (Outcome o : outcomes) {
            String id = o.id();
            Delivery.Attempt attempt = o.attempt();
            a.setString(1, id);
            a.setInt(2, attempt.number());
            a.setObject(3, utc(attempt.at()));
            if (attempt.statusCode() == null) {
              a.setNull(4, Types.INTEGER);
            } else {
              a.setInt(4, attempt.statusCode());
            }
            a.setDouble(5, attempt.latencyMs());
            a.setString(6, attempt.error());
            a.setString(7, attempt.responseExcerpt());
            a.setBoolean(8, attempt.manual());
            a.addBatch();
            d.setString(1, o.status());
            d.setInt(2, o.attempts());
            d.setObject(3, o.next() == null ? null : utc(o.next()));
            d.setString(4, id);
            d.addBatch();
            }
            a.executeBatch();
            d.executeBatch();
          }
          return null;
        });
  }

  /** A webhook's deliveries, newest first, before {@code beforeSeq} when given. */
  List<Delivery> list(String webhookId, Long beforeSeq, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM DELIVERIES WHERE WEBHOOK_ID = ?" + (beforeSeq == null ? "" : " AND SEQ < ?")
                      + " ORDER BY SEQ DESC LIMIT ?")) {
            int i = 1;
            ps.setString(i++, webhookId);
            if (beforeSeq != null) {
              ps.setLong(i++, beforeSeq);
            }
            ps.setInt(i, limit);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(delivery(c, rs));
              }
            }
            return out;
          }
        });
  }

  private static Delivery delivery(Connection c, ResultSet rs) throws SQLException {
    String id = rs.getString("ID");
    List<Delivery.Attempt> history = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM DELIVERY_ATTEMPTS WHERE DELIVERY_ID = ? ORDER BY ATTEMPT")) {
      ps.setString(1, id);
      try (ResultSet a = ps.executeQuery()) {
        while (a.next()) {
          int code = a.getInt("STATUS_CODE");
          Integer statusCode = a.wasNull() ? null : code;
          history.add(
              new Delivery.Attempt(
                  a.getInt("ATTEMPT"),
                  a.getObject("AT", OffsetDateTime.class).toInstant(),
                  statusCode,
                  a.getDouble("LATENCY_MS"),
                  a.getString("ERROR"),
                  a.getString("RESPONSE_EXCERPT"),
                  a.getBoolean("MANUAL")));
        }
      }
    }
    OffsetDateTime next = rs.getObject("NEXT_ATTEMPT_AT", OffsetDateTime.class);
    return new Delivery(
        id,
        rs.getLong("SEQ"),
        rs.getString("TENANT"),
        rs.getString("WEBHOOK_ID"),
        rs.getString("EVENT_ID"),
        rs.getString("PAYLOAD"),
        rs.getString("STATUS"),
        rs.getInt("ATTEMPTS"),
        next == null ? null : next.toInstant(),
        rs.getObject("CREATED_AT", OffsetDateTime.class).toInstant(),
        history);
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
