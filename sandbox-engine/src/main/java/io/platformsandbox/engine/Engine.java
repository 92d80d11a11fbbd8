package io.platformsandbox.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.audit.AuditLog;
import io.platformsandbox.engine.audit.AuditRoutes;
import io.platformsandbox.engine.auth.OAuthRoutes;
import io.platformsandbox.engine.auth.TokenService;
import io.platformsandbox.engine.clock.ClockRoutes;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.events.EventLog;
import io.platformsandbox.engine.events.EventRoutes;
import io.platformsandbox.engine.events.TriggerRoutes;
import io.platformsandbox.engine.faults.FaultRoutes;
import io.platformsandbox.engine.faults.FaultRules;
import io.platformsandbox.engine.records.FixtureRoutes;
import io.platformsandbox.engine.records.Fixtures;
import io.platformsandbox.engine.webhooks.WebhookDispatcher;
import io.platformsandbox.engine.webhooks.WebhookRoutes;
import io.platformsandbox.engine.webhooks.Webhooks;
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
import io.platformsandbox.engine.plugins.marketplace.MarketplaceRoutes;
import io.platformsandbox.engine.ratelimit.TokenBuckets;
import io.platformsandbox.engine.records.RecordRoutes;
import io.platformsandbox.engine.records.RecordStore;
import io.platformsandbox.engine.store.Database;
import io.platformsandbox.engine.snapshots.SnapshotRoutes;
import io.platformsandbox.engine.snapshots.Snapshots;
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
import java.util.concurrent.CompletableFuture;
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
  private EventLog events;
  private Webhooks webhooks;
  private WebhookDispatcher dispatcher;
  private final FaultRules faults = new FaultRules();
  private volatile boolean running;
  private Settings settings;
  private byte[] tokenKey;
  private Blobs blobs;
  private List<Route> routes;
  private ApiServer server;
  private MockApis mocks;
  private CompletableFuture<Void> mocksStarted;
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
      settings = new Settings(db);
      directory = new TenantDirectory(db, clock, config.defaultRateLimit());
      tokenKey = settings.tokenKey();
      tokens = new TokenService(tokenKey, clock, directory, config.tokenTtl());
      buckets = new TokenBuckets(directory);
      audit = new AuditLog(db, clock);
      traffic = new TrafficLog(config.trafficCapacity());
      events = new EventLog(db, clock);
      webhooks = new Webhooks(db, clock);
      events.subscribe(webhooks);
      dispatcher = new WebhookDispatcher(webhooks, db, clock);
      clock.onAdvance(dispatcher::wake);
      records = new RecordStore(db, clock, events);
      blobs = config.inMemory() ? Blobs.inMemory() : Blobs.onDisk(config.stateDir().resolve("files"));
      files = new FileStore(db, blobs, clock, events);
      Snapshots snapshots =
          new Snapshots(
              db,
              blobs,
              config.inMemory() ? null : config.stateDir().resolve("snapshots"),
              clock,
              new Snapshots.Lifecycle() {
                @Override
                public void beforeRestore() {
                  audit.flush();
                }

                @Override
                public void afterRestore() {
                  settings.keepTokenKey(tokenKey);
                  directory.reload();
                  records.reload();
                  webhooks.reload();
                  events.reload();
                  tokens.clearCache();
                  buckets.clear();
                  dispatcher.wake();
                }
              });
      idempotency = new H2IdempotencyStore(db, clock);
      directory.onTenantDeleted(webhooks::deleteTenant);
      directory.onTenantDeleted(events::deleteTenant);
      directory.onTenantDeleted(records::deleteTenant);
      directory.onTenantDeleted(files::deleteTenant);
      directory.onTenantDeleted(audit::deleteTenant);
      directory.onTenantDeleted(idempotency::deleteTenant);

      List<Route> table = new ArrayList<>();
      table.addAll(new OAuthRoutes(directory, tokens).routes());
      table.addAll(new RecordRoutes(records).routes());
      table.addAll(new FileRoutes(files).routes());
      table.addAll(new AuditRoutes(audit).routes());
      table.addAll(new EventRoutes(events, () -> running).routes());
      table.addAll(new WebhookRoutes(webhooks, dispatcher, directory).routes());
      table.addAll(new OpenApiRoutes().routes());
      table.addAll(new MarketplaceRoutes(config.marketplaceDir()).routes());
      table.addAll(new ControlRoutes(directory, traffic, this::info, this::reset, () -> running).routes());
      table.addAll(new ClockRoutes(clock).routes());
      table.addAll(new FaultRoutes(faults).routes());
      table.addAll(new SnapshotRoutes(snapshots).routes());
      table.addAll(new TriggerRoutes(events, id -> directory.tenant(id).isPresent()).routes());
      table.addAll(new FixtureRoutes(new Fixtures(records), id -> directory.tenant(id).isPresent()).routes());
      routes = List.copyOf(table);

      Dispatcher httpDispatcher =
          new Dispatcher(
              new Router(routes),
              tokens,
              buckets,
              idempotency,
              exchange -> {
                audit.onExchange(exchange);
                traffic.onExchange(exchange);
              },
              new Dispatcher.Limits(config.maxJsonBytes(), config.maxFileBytes(), 1024L * 1024 * 1024),
              faults);
      running = true;
      server = new ApiServer(config.host(), config.port(), httpDispatcher);
      server.start();
      dispatcher.start();
      if (config.mockPort() >= 0) {
        // WireMock takes longer to start than everything else: let it come up beside the API.
        mocks = new MockApis(new MockApis.Config(config.host(), config.mockPort(), null));
        mocksStarted = CompletableFuture.runAsync(mocks::start, runnable -> {
          Thread t = new Thread(runnable, "mock-apis-start");
          t.setDaemon(true);
          t.start();
        });
      }
      startedAt = Instant.now();
      LOG.info("engine started: api {}", apiUrl());
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

  /** The mock APIs port, or -1 when no mock server runs; waits for the mock server to be up. */
  public int mockPort() {
    requireStarted();
    if (mocks == null) {
      return -1;
    }
    awaitMocks();
    return mocks.port();
  }

  /** Waits until the mock server is up (it starts beside the API); rethrows its start failure. */
  public void awaitMocks() {
    if (mocksStarted == null) {
      return;
    }
    try {
      mocksStarted.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IllegalStateException("the mock APIs server failed to start: " + e.getCause().getMessage(), e.getCause());
    }
  }

  public String mockUrl() {
    return mocks == null ? null : "http://" + hostForUrl() + ":" + mockPort();
  }

  /** The event log, for embedders that publish or read events in-process. */
  /** Every request to the Platform and control APIs, for the traffic views and the validator. */
  public TrafficLog traffic() {
    return traffic;
  }

  public EventLog events() {
    requireStarted();
    return events;
  }

  public MockApis mocks() {
    awaitMocks();
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
    faults.clear();
    tokens.clearCache();
    buckets.clear();
    clock.reset();
    if (mocks != null) {
      awaitMocks();
      mocks.reset();
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
    running = false;
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("API server did not stop cleanly", e);
      }
    }
    if (mocks != null) {
      if (mocksStarted != null) {
        try {
          mocksStarted.join();
        } catch (RuntimeException e) {
          // it failed to start: nothing to stop
        }
      }
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
