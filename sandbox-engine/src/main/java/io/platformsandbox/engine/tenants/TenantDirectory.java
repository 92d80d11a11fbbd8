package io.platformsandbox.engine.tenants;

import io.platformsandbox.engine.api.Ids;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.store.Database;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tenants and apps: stored in H2, served from memory (every authenticated call looks its app up).
 * Thread-safe; writes are serialised.
 */
public final class TenantDirectory {
  public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Database db;
  private final SandboxClock clock;
  private final RateLimit defaultRateLimit;
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final List<Consumer<String>> tenantDeletionHooks = new CopyOnWriteArrayList<>();

  public TenantDirectory(Database db, SandboxClock clock, RateLimit defaultRateLimit) {
    this.db = db;
    this.clock = clock;
    this.defaultRateLimit = defaultRateLimit;
    reload();
  }

  /** Runs {@code hook} with the tenant id inside every tenant deletion, to drop its data. */
  public void onTenantDeleted(Consumer<String> hook) {
    tenantDeletionHooks.add(hook);
  }

  public synchronized void reload() {
    tenants.clear();
    apps.clear();
    db.read(
        c -> {
          try (var rs = c.createStatement().executeQuery("SELECT * FROM TENANTS")) {
            while (rs.next()) {
              Tenant t = tenant(rs);
              tenants.put(t.id(), t);
            }
          }
          try (var rs = c.createStatement().executeQuery("SELECT * FROM APPS")) {
            while (rs.next()) {
              App a = app(rs);
              apps.put(a.clientId(), a);
            }
          }
          return null;
        });
  }

  public RateLimit defaultRateLimit() {
    return defaultRateLimit;
  }

  public synchronized Tenant createTenant(String id, String name, RateLimit rateLimit) {
    if (id == null || !TENANT_ID.matcher(id).matches()) {
      throw ApiException.invalidField(
          "id", "must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
    }
    if (tenants.containsKey(id)) {
      throw ApiException.conflict("Tenant '" + id + "' already exists.");
    }
    Tenant tenant = new Tenant(id, name == null ? id : name, rateLimit, now());
    db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO TENANTS (ID, NAME, RATE_PER_SECOND, RATE_BURST, CREATED_AT) VALUES (?,?,?,?,?)")) {
            ps.setString(1, tenant.id());
            ps.setString(2, tenant.name());
            setRate(ps, 3, rateLimit);
            ps.setObject(5, OffsetDateTime.ofInstant(tenant.createdAt(), ZoneOffset.UTC));
            ps.executeUpdate();
          }
          return null;
        });
    tenants.put(id, tenant);
    return tenant;
  }

  public synchronized Tenant updateTenant(String id, String name, Optional<RateLimit> rateLimit) {
    Tenant old = tenant(id).orElseThrow(() -> ApiException.notFound("No tenant '" + id + "'."));
    Tenant updated =
        new Tenant(id, name == null ? old.name() : name, rateLimit.orElse(old.rateLimit()), old.createdAt());
    db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE TENANTS SET NAME = ?, RATE_PER_SECOND = ?, RATE_BURST = ? WHERE ID = ?")) {
            ps.setString(1, updated.name());
            setRate(ps, 2, updated.rateLimit());
            ps.setString(4, id);
            ps.executeUpdate();
          }
          return null;
        });
    tenants.put(id, updated);
    return updated;
  }

  /** Deletes the tenant, its apps and, through the deletion hooks, all of its data. */
  public synchronized void deleteTenant(String id) {
    if (!tenants.containsKey(id)) {
      throw ApiException.notFound("No tenant '" + id + "'.");
    }
    for (Consumer<String> hook : tenantDeletionHooks) {
      hook.accept(id);
    }
    db.transaction(
        c -> {
          try (PreparedStatement apps = c.prepareStatement("DELETE FROM APPS WHERE TENANT = ?");
              PreparedStatement tenant = c.prepareStatement("DELETE FROM TENANTS WHERE ID = ?")) {
            apps.setString(1, id);
            apps.executeUpdate();
            tenant.setString(1, id);
            tenant.executeUpdate();
          }
          return null;
        });
    apps.values().removeIf(a -> a.tenant().equals(id));
    tenants.remove(id);
  }

  public Optional<Tenant> tenant(String id) {
    return Optional.ofNullable(id == null ? null : tenants.get(id));
  }

  public List<Tenant> tenants() {
    return tenants.values().stream().sorted(Comparator.comparing(Tenant::id)).toList();
  }

  /** The effective rate limit for the apps of a tenant. */
  public RateLimit rateLimit(String tenantId) {
    Tenant t = tenants.get(tenantId);
    return t == null || t.rateLimit() == null ? defaultRateLimit : t.rateLimit();
  }

  public synchronized App createApp(String tenantId, String name, Set<Scope> scopes) {
    if (!tenants.containsKey(tenantId)) {
      throw ApiException.invalidField("tenant", "is not a known tenant: '" + tenantId + "'");
    }
    App app =
        new App("ci_" + Ids.hex(12), "cs_" + Ids.secret(24), tenantId, name, scopes, now());
    db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO APPS (CLIENT_ID, CLIENT_SECRET, TENANT, NAME, SCOPES, CREATED_AT) VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, app.clientId());
            ps.setString(2, app.clientSecret());
            ps.setString(3, app.tenant());
            ps.setString(4, app.name());
            ps.setString(5, scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(" ")));
            ps.setObject(6, OffsetDateTime.ofInstant(app.createdAt(), ZoneOffset.UTC));
            ps.executeUpdate();
          }
          return null;
        });
    apps.put(app.clientId(), app);
    return app;
  }

  public synchronized void deleteApp(String clientId) {
    if (!apps.containsKey(clientId)) {
      throw ApiException.notFound("No app with client id '" + clientId + "'.");
    }
    db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM APPS WHERE CLIENT_ID = ?")) {
            ps.setString(1, clientId);
            ps.executeUpdate();
          }
          return null;
        });
    apps.remove(clientId);
  }

  public Optional<App> app(String clientId) {
    return Optional.ofNullable(clientId == null ? null : apps.get(clientId));
  }

  public List<App> apps(String tenantOrNull) {
    return apps.values().stream()
        .filter(a -> tenantOrNull == null || a.tenant().equals(tenantOrNull))
        .sorted(Comparator.comparing(App::tenant).thenComparing(App::createdAt))
        .toList();
  }

  /** The app with these credentials; compares secrets in constant time. */
  public Optional<App> authenticate(String clientId, String clientSecret) {
    App app = apps.get(clientId);
    if (app == null || clientSecret == null) {
      return Optional.empty();
    }
    boolean same =
        MessageDigest.isEqual(
            app.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return same ? Optional.of(app) : Optional.empty();
  }

  private Instant now() {
    return clock.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static void setRate(PreparedStatement ps, int index, RateLimit rateLimit)
      throws java.sql.SQLException {
    if (rateLimit == null) {
      ps.setNull(index, java.sql.Types.DOUBLE);
      ps.setNull(index + 1, java.sql.Types.BIGINT);
    } else {
      ps.setDouble(index, rateLimit.perSecond());
      ps.setLong(index + 1, rateLimit.burst());
    }
  }

  private static Tenant tenant(ResultSet rs) throws java.sql.SQLException {
    double perSecond = rs.getDouble("RATE_PER_SECOND");
    RateLimit rate = rs.wasNull() ? null : new RateLimit(perSecond, rs.getLong("RATE_BURST"));
    return new Tenant(
        rs.getString("ID"),
        rs.getString("NAME"),
        rate,
        rs.getObject("CREATED_AT", OffsetDateTime.class).toInstant());
  }

  private static App app(ResultSet rs) throws java.sql.SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    Arrays.stream(rs.getString("SCOPES").split(" "))
        .filter(s -> !s.isEmpty())
        .forEach(s -> Scope.fromWire(s).ifPresent(scopes::add));
    return new App(
        rs.getString("CLIENT_ID"),
        rs.getString("CLIENT_SECRET"),
        rs.getString("TENANT"),
        rs.getString("NAME"),
        scopes,
        rs.getObject("CREATED_AT", OffsetDateTime.class).toInstant());
  }


  /** Forgets everything in memory after the tables were emptied by a reset. */
  public synchronized void clearCache() {
    tenants.clear();
    apps.clear();
  }
}
