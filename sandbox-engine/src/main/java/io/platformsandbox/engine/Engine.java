package io.platformsandbox.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.audit.AuditLog;
import io.platformsandbox.engine.audit.AuditRoutes;
import io.platformsandbox.engine.auth.OAuthRoutes;
import io.platformsandbox.engine.auth.TokenService;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.control.ControlRoutes;
import io.platformsandbox.engine.files.Blobs;
import io.platformsandbox.engine.files.FileRoutes;
import io.platformsandbox.engine.files.FileStore;
import io.platformsandbox.engine.http.ApiServer;
import io.platformsandbox.engine.http.Dispatcher;
import io.platformsandbox.engine.http.Router;
import io.platformsandbox.engine.idempotency.H2IdempotencyStore;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.openapi.OpenApiRoutes;
import io.platformsandbox.engine.ratelimit.TokenBuckets;
import io.platformsandbox.engine.records.RecordRoutes;
import io.platformsandbox.engine.records.RecordStore;
import io.platformsandbox.engine.store.Database;
import io.platformsandbox.engine.store.Settings;
import io.platformsandbox.engine.store.StoreException;
import io.platformsandbox.engine.tenants.Tenant;
import io.platformsandbox.engine.tenants.TenantDirectory;
import io.platformsandbox.engine.traffic.TrafficLog;
import io.platformsandbox.mocks.MockApis;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform emulation as a library: created from a config, does nothing until {@link #start()},
 * and {@link #close()} stops everything it started (safe to call twice). The workbench embeds it;
 * {@code sandbox serve} runs it headless.
 *
 * <p>Threading: {@code start} and {@code close} are synchronised; the servers answer on their own
 * threads.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  /** Workspaces open in this JVM; H2's file lock only guards against other processes. */
  private static final Set<Path> OPEN_WORKSPACES = ConcurrentHashMap.newKeySet();

  private final EngineConfig config;
  private final SandboxClock clock = new SandboxClock();
  private Database db;
  private TenantDirectory directory;
  private TokenService tokens;
  private TokenBuckets buckets;
  private AuditLog audit;
  private TrafficLog traffic;
  private RecordStore records;
  private FileStore files;
  private H2IdempotencyStore idempotency;
  private List<Route> routes;
  private ApiServer server;
  private MockApis mocks;
  private Instant startedAt;
  private boolean closed;
  private boolean ownsWorkspace;

  private Engine(EngineConfig config) {
    this.config = Objects.requireNonNull(config);
  }

  public static Engine create(EngineConfig config) {
    return new Engine(config);
  }

  public synchronized Engine start() {
    if (server != null) {
      throw new IllegalStateException("engine already started");
    }
    if (closed) {
      throw new IllegalStateException("engine was closed; create a new one");
    }
    if (!config.inMemory() && !OPEN_WORKSPACES.add(config.stateDir())) {
      throw workspaceInUse(null);
    }
    ownsWorkspace = !config.inMemory();
    try {
      db = config.inMemory() ? Database.inMemory() : Database.file(config.stateDir().resolve("data"));
    } catch (StoreException e) {
      close();
      if (String.valueOf(e.getMessage()).contains("already in use")) {
        throw workspaceInUse(e);
      }
      throw e;
    }
    try {
      Settings settings = new Settings(db);
      directory = new TenantDirectory(db, clock, config.defaultRateLimit());
      tokens = new TokenService(settings.tokenKey(), clock, directory, config.tokenTtl());
      buckets = new TokenBuckets(directory);
      audit = new AuditLog(db, clock);
      traffic = new TrafficLog(config.trafficCapacity());
      records = new RecordStore(db, clock);
      files =
          new FileStore(
              db,
              config.inMemory() ? Blobs.inMemory() : Blobs.onDisk(config.stateDir().resolve("files")),
              clock);
      idempotency = new H2IdempotencyStore(db, clock);
      directory.onTenantDeleted(records::deleteTenant);
      directory.onTenantDeleted(files::deleteTenant);
      directory.onTenantDeleted(audit::deleteTenant);
      directory.onTenantDeleted(idempotency::deleteTenant);

      List<Route> table = new ArrayList<>();
      table.addAll(new OAuthRoutes(directory, tokens).routes());
      table.addAll(new RecordRoutes(records).routes());
      table.addAll(new FileRoutes(files).routes());
      table.addAll(new AuditRoutes(audit).routes());
      table.addAll(new OpenApiRoutes().routes());
      table.addAll(new ControlRoutes(directory, traffic, this::info, this::reset).routes());
      routes = List.copyOf(table);

      Dispatcher dispatcher =
          new Dispatcher(
              new Router(routes),
              tokens,
              buckets,
              idempotency,
              exchange -> {
                audit.onExchange(exchange);
                traffic.onExchange(exchange);
              },
              new Dispatcher.Limits(config.maxJsonBytes(), config.maxFileBytes()));
      server = new ApiServer(config.host(), config.port(), dispatcher);
      server.start();
      if (config.mockPort() >= 0) {
        mocks = new MockApis(new MockApis.Config(config.host(), config.mockPort(), null));
        mocks.start();
      }
      startedAt = Instant.now();
      LOG.info("engine started: api {} mocks {}", apiUrl(), mocks == null ? "off" : mocks.baseUrl());
      return this;
    } catch (Exception e) {
      close();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("engine failed to start: " + e.getMessage(), e);
    }
  }

  private IllegalStateException workspaceInUse(Exception cause) {
    return new IllegalStateException(
        "The workspace " + config.workspace().toAbsolutePath().normalize()
            + " is already open in another sandbox; stop that one or use another workspace.", cause);
  }

  public EngineConfig config() {
    return config;
  }

  public SandboxClock clock() {
    return clock;
  }

  /** The route table of the Platform API and the control API, for tools and tests. */
  public List<Route> routes() {
    requireStarted();
    return routes;
  }

  public int port() {
    requireStarted();
    return server.port();
  }

  public String apiUrl() {
    return "http://" + hostForUrl() + ":" + port();
  }

  /** The mock APIs port, or -1 when no mock server runs. */
  public int mockPort() {
    requireStarted();
    return mocks == null ? -1 : mocks.port();
  }

  public String mockUrl() {
    return mocks == null ? null : "http://" + hostForUrl() + ":" + mockPort();
  }

  public MockApis mocks() {
    return mocks;
  }

  /** Empties every store: tenants, apps, collections, records, files, audit, traffic, clock. */
  public synchronized void reset() {
    requireStarted();
    audit.flush();
    for (Tenant t : directory.tenants()) {
      directory.deleteTenant(t.id());
    }
    traffic.clear();
    tokens.clearCache();
    buckets.clear();
    clock.reset();
    if (mocks != null && mocks.wireMock() != null) {
      mocks.wireMock().resetAll();
    }
  }

  private ObjectNode info() {
    ObjectNode n = Json.object();
    n.put("version", Version.current());
    n.put("api_url", apiUrl());
    n.put("port", port());
    if (mocks == null) {
      n.putNull("mock_url");
      n.putNull("mock_port");
    } else {
      n.put("mock_url", mockUrl());
      n.put("mock_port", mockPort());
    }
    n.put("in_memory", config.inMemory());
    if (config.inMemory()) {
      n.putNull("workspace");
    } else {
      n.put("workspace", config.workspace().toAbsolutePath().normalize().toString());
    }
    n.put("started_at", startedAt == null ? null : startedAt.toString());
    n.put("clock", clock.now().toString());
    return n;
  }

  private String hostForUrl() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("engine not started");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("API server did not stop cleanly", e);
      }
    }
    if (mocks != null) {
      mocks.close();
    }
    if (audit != null) {
      audit.close();
    }
    if (db != null) {
      db.close();
    }
    if (ownsWorkspace) {
      OPEN_WORKSPACES.remove(config.stateDir());
    }
  }
}
