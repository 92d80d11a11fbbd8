package io.platformsandbox.engine.webhooks;

import io.platformsandbox.engine.api.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.events.Event;
import io.platformsandbox.engine.events.EventLog;
import io.platformsandbox.engine.events.EventSubscriber;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook registrations and the delivery rows they cause. Deliveries are written in the same
 * transaction as the event that causes them, so none is lost; once committed they go to the
 * {@link WebhookDispatcher}. Thread-safe.
 */
public final class Webhooks implements EventSubscriber {
  private static final ThreadLocal<List<String>> CREATED = ThreadLocal.withInitial(ArrayList::new);

  private final Database db;
  private final SandboxClock clock;
  private final Map<String, Webhook> byId = new ConcurrentHashMap<>();
  private volatile WebhookDispatcher dispatcher;

  public Webhooks(Database db, SandboxClock clock) {
    this.db = db;
    this.clock = clock;
    reload();
  }

  void attach(WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public void reload() {
    byId.clear();
    db.read(
        c -> {
          try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM WEBHOOKS")) {
            while (rs.next()) {
              Webhook w = webhook(rs);
              byId.put(w.id(), w);
            }
          }
          return null;
        });
  }

  public Webhook register(String tenant, String clientId, boolean piiRead, String url, List<String> events) {
    Webhook w =
        new Webhook("wh_" + Ids.hex(8), tenant, clientId, url, events, "whsec_" + Ids.secret(24), piiRead,
            clock.now().truncatedTo(ChronoUnit.MICROS));
    db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO WEBHOOKS (ID, TENANT, CLIENT_ID, URL, EVENTS, SECRET, PII_READ, CREATED_AT) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, w.id());
            ps.setString(2, tenant);
            ps.setString(3, clientId);
            ps.setString(4, url);
            ps.setString(5, String.join(" ", events));
            ps.setString(6, w.secret());
            ps.setBoolean(7, piiRead);
            ps.setObject(8, OffsetDateTime.ofInstant(w.createdAt(), ZoneOffset.UTC));
            return ps.executeUpdate();
          }
        });
    byId.put(w.id(), w);
    return w;
  }

  public Optional<Webhook> get(String tenant, String id) {
    Webhook w = byId.get(id);
    return w != null && w.tenant().equals(tenant) ? Optional.of(w) : Optional.empty();
  }

  /** Any tenant's webhook by id (ids are unique across tenants); for the control API. */
  public Optional<Webhook> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Webhook require(String tenant, String id) {
    return get(tenant, id).orElseThrow(() -> ApiException.notFound("No webhook '" + id + "' in this tenant."));
  }

  public List<Webhook> list(String tenant) {
    return byId.values().stream()
        .filter(w -> w.tenant().equals(tenant))
        .sorted(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id))
        .toList();
  }

  /** Removes the webhook; its pending deliveries are cancelled, its history kept until the tenant goes. */
  public void delete(String tenant, String id) {
    require(tenant, id);
    db.transaction(
        c -> {
          try (PreparedStatement a = c.prepareStatement("DELETE FROM WEBHOOKS WHERE ID = ?");
              PreparedStatement b =
                  c.prepareStatement("UPDATE DELIVERIES SET STATUS = 'cancelled', NEXT_ATTEMPT_AT = NULL WHERE WEBHOOK_ID = ? AND STATUS = 'pending'")) {
            a.setString(1, id);
            a.executeUpdate();
            b.setString(1, id);
            b.executeUpdate();
          }
          return null;
        });
    byId.remove(id);
  }

  public void deleteTenant(String tenant) {
    db.read(
        c -> {
          try (PreparedStatement a =
                  c.prepareStatement("DELETE FROM DELIVERY_ATTEMPTS WHERE DELIVERY_ID IN (SELECT ID FROM DELIVERIES WHERE TENANT = ?)");
              PreparedStatement b = c.prepareStatement("DELETE FROM DELIVERIES WHERE TENANT = ?");
              PreparedStatement w = c.prepareStatement("DELETE FROM WEBHOOKS WHERE TENANT = ?")) {
            a.setString(1, tenant);
            a.executeUpdate();
            b.setString(1, tenant);
            b.executeUpdate();
            w.setString(1, tenant);
            w.executeUpdate();
          }
          return null;
        });
    byId.values().removeIf(w -> w.tenant().equals(tenant));
  }

  @Override
  public void inTransaction(Connection c, Event event) throws SQLException {
    if (!EventLog.PLATFORM.equals(event.topic())) {
      return;
    }
    for (Webhook w : byId.values()) {
      if (!w.tenant().equals(event.tenant()) || !w.wants(event)) {
        continue;
      }
      String id = "dlv_" + Ids.hex(10);
      ObjectNode payload = event.envelope(w.piiRead());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO DELIVERIES (ID, TENANT, WEBHOOK_ID, EVENT_ID, PAYLOAD, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT, CREATED_AT)"
                  + " VALUES (?,?,?,?,?,'pending',0,?,?)")) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
        ps.setString(1, id);
        ps.setString(2, w.tenant());
        ps.setString(3, w.id());
        ps.setString(4, event.id());
        ps.setString(5, Json.string(payload));
        ps.setObject(6, now);
        ps.setObject(7, now);
        ps.executeUpdate();
      }
      CREATED.get().add(id);
    }
  }

  @Override
  public void afterCommit(List<Event> events) {
    List<String> created = CREATED.get();
    if (created.isEmpty()) {
      return;
    }
    List<String> ids = List.copyOf(created);
    created.clear();
    WebhookDispatcher d = dispatcher;
    if (d != null) {
      ids.forEach(d::submit);
    }
  }

  private static Webhook webhook(ResultSet rs) throws SQLException {
    return new Webhook(
        rs.getString("ID"),
        rs.getString("TENANT"),
        rs.getString("CLIENT_ID"),
        rs.getString("URL"),
        Arrays.stream(rs.getString("EVENTS").split(" ")).filter(s -> !s.isEmpty()).toList(),
        rs.getString("SECRET"),
        rs.getBoolean("PII_READ"),
        rs.getObject("CREATED_AT", OffsetDateTime.class).toInstant());
  }

  Optional<Webhook> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

}
