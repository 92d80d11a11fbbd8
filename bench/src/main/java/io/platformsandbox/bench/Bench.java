package io.platformsandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.records.CollectionDef;
import io.platformsandbox.engine.records.RecordStore;
import io.platformsandbox.engine.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The benchmark harness behind {@code bench/run.sh}: measures and prints, never asserts. Each
 * figure is printed on its own line as soon as it is known, and again in the summary table.
 */
public final class Bench {
  private final BenchConfig cfg;
  private final List<String[]> summary = new ArrayList<>();

  private Bench(BenchConfig cfg) {
    this.cfg = cfg;
  }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    String what = args.length == 0 ? "all" : args[0];
    if (!List.of("startup", "get", "post", "filter", "all").contains(what)) {
      System.err.println("usage: bench/run.sh [startup|get|post|filter|all]");
      System.exit(2);
    }
    BenchConfig cfg = BenchConfig.fromEnvironment();
    Bench bench = new Bench(cfg);
    deleteTree(cfg.workDir());
    Files.createDirectories(cfg.workDir());
    System.out.printf(
        "# machine: %d cores, java %s (%s), load average at start %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Proc.loadAverage());
    System.out.printf(
        "# engine started as: %s%n",
        String.join(" ", EngineProcess.command(cfg, List.of("...")))
            .replace(cfg.engineClasspath(), "<sandbox-engine/target/classes:runtime-classpath.txt>"));
    long t0 = System.nanoTime();
    boolean failed = false;
    try {
      for (String phase : List.of("startup", "get", "post", "filter")) {
        if (!what.equals(phase) && !what.equals("all")) {
          continue;
        }
        try {
          switch (phase) {
            case "startup" -> bench.startup();
            case "get" -> bench.getById();
            case "post" -> bench.postCreate();
            default -> bench.filter();
          }
        } catch (Exception e) {
          // One broken phase (e.g. an engine change) does not hide the others' figures.
          failed = true;
          System.out.println("FIGURE " + phase + ": FAILED  [" + e + "]");
          e.printStackTrace(System.out);
          bench.summary.add(new String[] {phase, "-", "FAILED", "-"});
        }
      }
    } finally {
      bench.printSummary((System.nanoTime() - t0) / 1e9);
      if (System.getenv("BENCH_KEEP") == null && !failed) {
        deleteTree(cfg.workDir());
      } else {
        System.out.println("# work directory kept: " + cfg.workDir());
      }
    }
    // Engine components built in-process (the RecordStore load) may have left threads behind.
    System.exit(failed ? 1 : 0);
  }

  // ---- 1. startup and idle memory -----------------------------------------------------

  private void startup() throws Exception {
    section("startup: process start -> first 200 from /_sandbox/health");
    for (String mode : List.of("in-memory", "file")) {
      Path ws = cfg.workDir().resolve("startup-ws");
      List<String> args =
          mode.equals("in-memory")
              ? List.of("--in-memory", "--port", "0", "--mock-port", "0")
              : List.of("--workspace", ws.toString(), "--port", "0", "--mock-port", "0");
      Path log = cfg.workDir().resolve("startup-" + mode + ".log");
      // One run first, not counted: it creates the file workspace and brings jars into the page cache.
      try (EngineProcess warm = EngineProcess.start(cfg, args, log)) {
        progress("startup %s: warm-up run %.3f s (not counted)", mode, warm.startupSeconds());
      }
      List<Double> runs = new ArrayList<>();
      List<Double> portLines = new ArrayList<>();
      double rss = -1;
      double hwm = -1;
      for (int i = 0; i < cfg.startupRuns(); i++) {
        try (EngineProcess e = EngineProcess.start(cfg, args, log)) {
          runs.add(e.startupSeconds());
          portLines.add(e.portLineSeconds());
          if (i == cfg.startupRuns() - 1) {
            Thread.sleep((long) (cfg.idleSeconds() * 1000));
            rss = Proc.statusMiB(e.pid(), "VmRSS");
            hwm = Proc.statusMiB(e.pid(), "VmHWM");
          }
        }
      }
      double median = median(runs);
      figure(
          "startup, " + mode + " (median of " + runs.size() + ")",
          "<= 1.5 s",
          String.format("%.3f s", median),
          median <= 1.5,
          "runs " + fmtList(runs, "%.3f") + " s; port line printed at median " + String.format("%.3f", median(portLines)) + " s");
      figure(
          "idle RSS, " + mode + " (after " + fmt(cfg.idleSeconds()) + " s idle)",
          "<= 250 MB",
          String.format("%.0f MiB", rss),
          rss >= 0 ? rss <= 250 : null,
          String.format("VmHWM (peak) %.0f MiB", hwm));
      startupBreakdown(mode, mode.equals("file") ? cfg.workDir().resolve("probe-ws") : null);
    }
  }

  /** Runs {@link StartupProbe} in fresh JVMs: where the start-up time goes (diagnostic). */
  private void startupBreakdown(String mode, Path ws) throws Exception {
    List<Double> jvm = new ArrayList<>();
    List<Double> withMocks = new ArrayList<>();
    List<Double> withoutMocks = new ArrayList<>();
    List<Double> mocksUp = new ArrayList<>();
    for (int i = 0; i < Math.max(1, Math.min(3, cfg.startupRuns())); i++) {
      for (String mocks : List.of("mocks", "no-mocks")) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : cfg.engineJavaOpts().trim().split("\\s+")) {
          if (!opt.isEmpty()) {
            cmd.add(opt);
          }
        }
        cmd.add("-cp");
        cmd.add(cfg.engineClasspath() + java.io.File.pathSeparator + System.getProperty("java.class.path"));
        cmd.add(StartupProbe.class.getName());
        cmd.add(mocks);
        if (ws != null) {
          cmd.add(ws.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        String[] f = out.split("\\s+");
        if (f.length != 3) {
          progress("startup breakdown failed: '%s'", out);
          return;
        }
        jvm.add(Double.parseDouble(f[0]));
        if (mocks.equals("mocks")) {
          withMocks.add(Double.parseDouble(f[1]));
          mocksUp.add(Double.parseDouble(f[2]));
        } else {
          withoutMocks.add(Double.parseDouble(f[1]));
        }
      }
    }
    progress("breakdown (%s, medians over %d fresh JVMs): JVM start to main %.0f ms; Engine.start() %.0f ms"
            + " (mock server up at %.0f ms); Engine.start() without the mock server %.0f ms",
        mode, jvm.size(), median(jvm), median(withMocks), median(mocksUp), median(withoutMocks));
  }

  // ---- 2. GET by id vs WireMock ---------------------------------------------------------

  private void getById() throws Exception {
    section("GET /v1/collections/{c}/records/{id}: " + cfg.clients() + " keep-alive clients, engine vs WireMock");
    Path ws = cfg.workDir().resolve("get-ws");
    try (EngineProcess engine =
            EngineProcess.start(cfg, List.of("--workspace", ws.toString(), "--port", "0", "--mock-port", "0"), cfg.workDir().resolve("get.log"));
        PeerProcess peer = PeerProcess.start(cfg, cfg.workDir().resolve("wiremock.log"));
        Api api = new Api(engine.port)) {
      String token = api.setUp();
      for (int i = 1; i <= 1000; i++) {
        api.json("POST", Api.recordsPath(), token, Api.JSON.readTree(Api.recordBody(i, 10)), 201);
      }
      JsonNode created = api.json("POST", Api.recordsPath(), token, Api.JSON.readTree(Api.recordBody(0, 10)), 201);
      String path = Api.recordsPath() + "/" + created.get("id").asText();
      RawHttp.Response engineAnswer = api.call("GET", path, token, null, null);
      if (engineAnswer.status() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + engineAnswer.status());
      }
      String body = engineAnswer.text();
      String contentType = engineAnswer.contentType();
      // The same body and content type, as a static stub on the same path: in plain WireMock (its own
      // JVM) and, for information, in the engine's own mock APIs server.
      ObjectNode stub = Api.JSON.createObjectNode();
      stub.putObject("request").put("method", "GET").put("url", path);
      ObjectNode response = stub.putObject("response").put("status", 200).put("body", body);
      response.putObject("headers").put("Content-Type", contentType);
      for (int port : List.of(peer.port, engine.mockPort)) {
        try (Api mock = new Api(port)) {
          mock.json("POST", "/__admin/mappings", null, stub, 201);
          RawHttp.Response stubbed = mock.call("GET", path, token, null, null);
          if (stubbed.status() != 200 || !stubbed.text().equals(body) || !contentType.equals(stubbed.contentType())) {
            throw new IllegalStateException("the mock on port " + port + " does not serve the same body: " + stubbed.status() + " " + stubbed.contentType());
          }
        }
      }
      progress("body %d bytes, %s; engine pid %d; WireMock %s pid %d (request journal %s); the engine's own mock server on port %d",
          body.getBytes(StandardCharsets.UTF_8).length, contentType, engine.pid(), WIREMOCK_VERSION, peer.pid(),
          cfg.wireMockJournal() ? "on" : "off", engine.mockPort);

      byte[] toEngine = RawHttp.request("GET", "127.0.0.1", engine.port, path, token, null, null);
      byte[] toPeer = RawHttp.request("GET", "127.0.0.1", peer.port, path, token, null, null);
      byte[] toMocks = RawHttp.request("GET", "127.0.0.1", engine.mockPort, path, token, null, null);
      progress("warming up: engine, then WireMock, %s s each", fmt(cfg.warmupSeconds()));
      LoadGen.run("127.0.0.1", engine.port, cfg.clients(), cfg.warmupSeconds(), 0, LoadGen.same(n -> toEngine), 200);
      LoadGen.run("127.0.0.1", peer.port, cfg.clients(), cfg.warmupSeconds(), 0, LoadGen.same(n -> toPeer), 200);
      // The machine's other load drifts: measure in alternating slices (engine, WireMock, engine, ...)
      // so that both see the same conditions, and add the slices up.
      int rounds = Math.max(1, cfg.rounds());
      double slice = cfg.durationSeconds() / rounds;
      List<LoadGen.Result> es = new ArrayList<>();
      List<LoadGen.Result> ps = new ArrayList<>();
      List<LoadGen.Result> ms = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        es.add(measure("engine, slice " + round + "/" + rounds, engine.pid(), engine.port, LoadGen.same(n -> toEngine), 200, 1, slice));
        ps.add(measure("WireMock, slice " + round + "/" + rounds, peer.pid(), peer.port, LoadGen.same(n -> toPeer), 200, 1, slice));
      }
      LoadGen.Result e = LoadGen.Result.merge(es);
      LoadGen.Result w = LoadGen.Result.merge(ps);
      figure("GET by id, engine: req/s", ">= 10,000", String.format("%,.0f", e.perSecond()), e.perSecond() >= 10_000, e.describe());
      figure("GET by id, engine: p50", "-", String.format("%.2f ms", e.p50Ms()), null, "");
      figure("GET by id, engine: p99", "<= 20 ms", String.format("%.2f ms", e.p99Ms()), e.p99Ms() <= 20, "");
      figure("GET same body, WireMock: req/s", "(peer)", String.format("%,.0f", w.perSecond()), null, w.describe());
      figure("GET same body, WireMock: p50 / p99", "(peer)", String.format("%.2f / %.2f ms", w.p50Ms(), w.p99Ms()), null, "");
      double ratio = e.perSecond() / w.perSecond();
      figure("GET by id, ratio engine / WireMock (req/s)", ">= 0.8", String.format("%.2f", ratio), ratio >= 0.8,
          "same run, alternating slices, same body and content type");
      if (cfg.measureEngineMocks()) {
        // Last, so that it cannot disturb the engine's figure: it runs inside the engine's JVM.
        ms.add(measure("engine's mock server", engine.pid(), engine.mockPort, LoadGen.same(n -> toMocks), 200, cfg.warmupSeconds(), cfg.durationSeconds()));
        LoadGen.Result m = LoadGen.Result.merge(ms);
        figure("GET same body, engine's mock server: req/s", "(info)", String.format("%,.0f", m.perSecond()), null, m.describe());
      }
    }
  }

  private static final String WIREMOCK_VERSION = wireMockVersion();

  private static String wireMockVersion() {
    Package p = com.github.tomakehurst.wiremock.WireMockServer.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "3.x" : v;
  }

  // ---- 3. POST create --------------------------------------------------------------------

  private void postCreate() throws Exception {
    section("POST /v1/collections/{c}/records: durable (file workspace), " + cfg.clients() + " keep-alive clients");
    Path ws = cfg.workDir().resolve("post-ws");
    try (EngineProcess engine =
            EngineProcess.start(cfg, List.of("--workspace", ws.toString(), "--port", "0", "--mock-port", "0"), cfg.workDir().resolve("post.log"));
        Api api = new Api(engine.port)) {
      String token = api.setUp();
      @SuppressWarnings("unchecked")
      LongFunction<byte[]>[] perClient = new LongFunction[cfg.clients()];
      for (int c = 0; c < cfg.clients(); c++) {
        final long base = (long) c << 32;
        perClient[c] = n -> RawHttp.request("POST", "127.0.0.1", engine.port, Api.recordsPath(), token, "application/json", Api.recordBody(base + n, 1000));
      }
      LoadGen.Result r = measure("engine", engine.pid(), engine.port, perClient, 201);
      figure("POST create, durable: req/s", ">= 3,000", String.format("%,.0f", r.perSecond()), r.perSecond() >= 3_000, r.describe());
      figure("POST create, durable: p50", "-", String.format("%.2f ms", r.p50Ms()), null, "");
      figure("POST create, durable: p99", "<= 30 ms", String.format("%.2f ms", r.p99Ms()), r.p99Ms() <= 30, "");
    }
    if (System.getenv("BENCH_POST_IN_MEMORY") == null || !System.getenv("BENCH_POST_IN_MEMORY").equals("0")) {
      // For comparison only: the same load on an in-memory engine shows what durability costs.
      try (EngineProcess engine =
              EngineProcess.start(cfg, List.of("--in-memory", "--port", "0", "--mock-port", "0"), cfg.workDir().resolve("post-mem.log"));
          Api api = new Api(engine.port)) {
        String token = api.setUp();
        @SuppressWarnings("unchecked")
        LongFunction<byte[]>[] perClient = new LongFunction[cfg.clients()];
        for (int c = 0; c < cfg.clients(); c++) {
          final long base = (long) c << 32;
          perClient[c] = n -> RawHttp.request("POST", "127.0.0.1", engine.port, Api.recordsPath(), token, "application/json", Api.recordBody(base + n, 1000));
        }
        LoadGen.Result r = measure("engine in memory", engine.pid(), engine.port, perClient, 201);
        figure("POST create, in memory (comparison): req/s", "(info)", String.format("%,.0f", r.perSecond()), null, r.describe());
      }
    }
  }

  // ---- 4. indexed filter over N records ----------------------------------------------------

  private void filter() throws Exception {
    int n = cfg.filterRecords();
    int rareValues = Math.max(1, n / 1000);
    section(String.format("filter: status eq \"rare-k\" (indexed) over %,d records, ~%d matches each", n, Math.max(1, n / 100 / rareValues)));
    Path ws = cfg.workDir().resolve("filter-ws");
    List<String> args = List.of("--workspace", ws.toString(), "--port", "0", "--mock-port", "0");
    Path log = cfg.workDir().resolve("filter.log");
    EngineProcess engine = EngineProcess.start(cfg, args, log);
    try {
      String token;
      try (Api api = new Api(engine.port)) {
        token = api.setUp();
      }
      // Load over HTTP with many clients; if that cannot finish within the budget (auto), or when
      // told to (store), load the rest through the engine's RecordStore Java API instead.
      AtomicLong next = new AtomicLong();
      long loadStart = System.nanoTime();
      long httpLoaded = 0;
      double httpRate = 0;
      if (!cfg.loadMode().equals("store")) {
        double probe = cfg.loadMode().equals("http") ? Double.MAX_VALUE : cfg.loadProbeSeconds();
        long[] result = httpLoad(engine.port, token, next, n, rareValues, probe);
        httpLoaded = result[0];
        double secs = result[1] / 1e9;
        httpRate = httpLoaded / secs;
        progress("HTTP load: %,d records in %.1f s = %,.0f records/s with %d clients (%d errors)", httpLoaded, secs, httpRate, cfg.loadClients(), result[2]);
        figure(
            "bulk load over HTTP (" + cfg.loadClients() + " clients, durable)",
            "(info)",
            String.format("%,.0f rec/s", httpRate),
            null,
            String.format("1,000,000 records would take %.0f s this way", 1_000_000 / Math.max(httpRate, 1)));
      }
      long remaining = n - Math.min(next.get(), n);
      if (remaining > 0) {
        engine.close();
        long t = System.nanoTime();
        long stored = storeLoad(ws, next, n, rareValues);
        double secs = (System.nanoTime() - t) / 1e9;
        progress("RecordStore load: %,d records in %.1f s = %,.0f records/s with %d threads", stored, secs, stored / secs, cfg.storeThreads());
        engine = EngineProcess.start(cfg, args, log);
        try (Api api = new Api(engine.port)) {
          token = api.tokenAgain();
        }
      }
      double loadSecs = (System.nanoTime() - loadStart) / 1e9;
      progress("loaded %,d records in %.1f s (%,d over HTTP, %,d through RecordStore)", n, loadSecs, httpLoaded, n - httpLoaded);

      Random random = new Random(42);
      List<Long> micros = new ArrayList<>();
      long rows = 0;
      try (RawHttp http = new RawHttp("127.0.0.1", engine.port)) {
        RawHttp.Response check = http.exchange(RawHttp.request("GET", "127.0.0.1", engine.port, Api.filterTarget("rare-0", 50), token, null, null), true);
        int matches = Api.JSON.readTree(check.body()).get("data").size();
        progress("status eq \"rare-0\" returns %d records (status %d)", matches, check.status());
        for (int i = 0; i < cfg.filterWarmupQueries() + cfg.filterQueries(); i++) {
          byte[] req = RawHttp.request("GET", "127.0.0.1", engine.port, Api.filterTarget("rare-" + random.nextInt(rareValues), 50), token, null, null);
          long t0 = System.nanoTime();
          RawHttp.Response r = http.exchange(req, true);
          long t1 = System.nanoTime();
          if (r.status() != 200) {
            throw new IllegalStateException("filter query answered " + r.status() + ": " + r.text());
          }
          if (i >= cfg.filterWarmupQueries()) {
            micros.add((t1 - t0) / 1000);
            rows += Api.JSON.readTree(r.body()).get("data").size();
          }
        }
        double median = LoadGen.percentileMs(micros, 0.5);
        figure(
            String.format("indexed filter, %,d records: median", n),
            "<= 10 ms",
            String.format("%.2f ms", median),
            median <= 10,
            String.format("p90 %.2f ms, p99 %.2f ms over %d sequential queries; %.1f rows per answer on average",
                LoadGen.percentileMs(micros, 0.9), LoadGen.percentileMs(micros, 0.99), micros.size(), rows / (double) micros.size()));
        // Informational: a value that matches a quarter of the table (first page of 50). At most
        // 2 + 10 queries or 20 s, whichever comes first: on a large table each one can take seconds.
        List<Long> common = new ArrayList<>();
        byte[] req = RawHttp.request("GET", "127.0.0.1", engine.port, Api.filterTarget("common-1", 50), token, null, null);
        long until = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; i < 12 && (i < 3 || System.nanoTime() < until); i++) {
          long t0 = System.nanoTime();
          http.exchange(req, false);
          if (i >= 2) {
            common.add((System.nanoTime() - t0) / 1000);
          }
        }
        figure("filter matching 25% of rows, first page: median", "(info)",
            String.format("%.2f ms", LoadGen.percentileMs(common, 0.5)), null,
            common.size() + " sequential queries; status eq \"common-1\" matches " + String.format("%,d", n / 4) + " records");
      }
    } finally {
      engine.close();
    }
  }

  /** Returns {loaded, nanos, errors}; stops after {@code probeSeconds} if the budget is out of reach. */
  private long[] httpLoad(int port, String token, AtomicLong next, int n, int rareValues, double probeSeconds) throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < cfg.loadClients(); c++) {
      Thread t =
          new Thread(
              () -> {
                try (RawHttp http = new RawHttp("127.0.0.1", port)) {
                  while (!stop.get()) {
                    long i = next.getAndIncrement();
                    if (i >= n) {
                      break;
                    }
                    byte[] req = RawHttp.request("POST", "127.0.0.1", port, Api.recordsPath(), token, "application/json", Api.recordBody(i, rareValues));
                    try {
                      int status = http.exchange(req, false).status();
                      if (status == 201) {
                        ok.incrementAndGet();
                      } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "status " + status);
                      }
                    } catch (IOException e) {
                      errors.incrementAndGet();
                      firstError.compareAndSet(null, e.toString());
                    }
                  }
                }
              },
              "loader-" + c);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    long lastReport = start;
    while (threads.stream().anyMatch(Thread::isAlive)) {
      Thread.sleep(200);
      long now = System.nanoTime();
      double secs = (now - start) / 1e9;
      if (now - lastReport > 10e9) {
        lastReport = now;
        progress("  ... %,d records over HTTP after %.0f s", ok.get(), secs);
      }
      if (!stop.get() && secs >= probeSeconds) {
        double rate = ok.get() / secs;
        double projected = n / Math.max(rate, 1);
        if (projected > cfg.loadBudgetSeconds()) {
          progress("HTTP load at %,.0f records/s would take %.0f s for %,d records (budget %.0f s): the rest goes through RecordStore",
              rate, projected, n, cfg.loadBudgetSeconds());
          stop.set(true);
        } else {
          probeSeconds = Double.MAX_VALUE;
        }
      }
    }
    long nanos = System.nanoTime() - start;
    if (firstError.get() != null) {
      progress("first load error: %s", firstError.get());
    }
    // Every index handed out was attempted (a stopping client finishes its request first).
    next.set(Math.min(next.get(), n));
    return new long[] {ok.get(), nanos, errors.get()};
  }

  /** Loads records {@code next..n-1} through RecordStore.create on the workspace's database, engine stopped. */
  private long storeLoad(Path ws, AtomicLong next, int n, int rareValues) throws InterruptedException {
    Database db = Database.file(ws.toAbsolutePath().normalize().resolve(".sandbox").resolve("data"));
    try {
      // Bulk-load setting: commits are stored by H2's background writer instead of one file write per
      // commit (the engine opens its database with WRITE_DELAY=0). Set back to 0 before closing, and
      // the close itself (SHUTDOWN) writes everything.
      // Every new pooled connection re-applies the URL's WRITE_DELAY=0, so open all the connections
      // the loaders will use first, then change the (database-wide) setting.
      warmPool(db, cfg.storeThreads() + 2);
      db.read(c -> c.createStatement().execute("SET WRITE_DELAY " + cfg.storeWriteDelayMillis()));
      Map<Class<?>, Object> known = new HashMap<>();
      known.put(Database.class, db);
      known.put(SandboxClock.class, new SandboxClock());
      RecordStore store = Wiring.build(RecordStore.class, known);
      CollectionDef def = store.requireCollection(Api.TENANT, Api.COLLECTION);
      AtomicLong done = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < cfg.storeThreads(); t++) {
        Thread th =
            new Thread(
                () -> {
                  try {
                    while (failure.get() == null) {
                      long i = next.getAndIncrement();
                      if (i >= n) {
                        break;
                      }
                      store.create(def, (ObjectNode) Json.MAPPER.readTree(Api.recordBody(i, rareValues)));
                      done.incrementAndGet();
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "store-loader-" + t);
        th.start();
        threads.add(th);
      }
      long lastReport = start;
      while (threads.stream().anyMatch(Thread::isAlive)) {
        Thread.sleep(200);
        if (System.nanoTime() - lastReport > 10e9) {
          lastReport = System.nanoTime();
          progress("  ... %,d records through RecordStore after %.0f s", done.get(), (lastReport - start) / 1e9);
        }
      }
      if (failure.get() != null) {
        throw new IllegalStateException("RecordStore load failed", failure.get());
      }
      return done.get();
    } finally {
      db.read(c -> c.createStatement().execute("SET WRITE_DELAY 0"));
      db.close();
    }
  }

  /** Makes the pool hold {@code n} open connections by borrowing them all at once. */
  private static void warmPool(Database db, int n) throws InterruptedException {
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(n);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> db.read(c -> {
        all.countDown();
        try {
          all.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      }));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  // ---- helpers -------------------------------------------------------------------------

  private LoadGen.Result measure(String label, long serverPid, int port, LongFunction<byte[]>[] requests, int ok) throws InterruptedException {
    return measure(label, serverPid, port, requests, ok, cfg.warmupSeconds(), cfg.durationSeconds());
  }

  private LoadGen.Result measure(
      String label, long serverPid, int port, LongFunction<byte[]>[] requests, int ok, double warmup, double seconds)
      throws InterruptedException {
    long self = ProcessHandle.current().pid();
    double[] server0 = Proc.cpuSplit(serverPid);
    double[] self0 = Proc.cpuSplit(self);
    String loadBefore = Proc.loadAverage();
    LoadGen.Result r = LoadGen.run("127.0.0.1", port, cfg.clients(), warmup, seconds, requests, ok);
    double wall = warmup + seconds;
    double[] server1 = Proc.cpuSplit(serverPid);
    double[] self1 = Proc.cpuSplit(self);
    double serverCpu = server1[0] + server1[1] - server0[0] - server0[1];
    progress("%s: %s", label, r.describe());
    progress("%s: CPU over warm-up + run (%.0f s): server process %.1f core-s = %.0f%% of %d cores (user %.1f, sys %.1f), load generator %.1f core-s (user %.1f, sys %.1f); load avg before %s, after %s",
        label, wall, serverCpu, 100 * serverCpu / (wall * Runtime.getRuntime().availableProcessors()),
        Runtime.getRuntime().availableProcessors(), server1[0] - server0[0], server1[1] - server0[1],
        self1[0] + self1[1] - self0[0] - self0[1], self1[0] - self0[0], self1[1] - self0[1],
        loadBefore, Proc.loadAverage());
    return r;
  }

  private void section(String title) {
    System.out.println();
    System.out.println("== " + title + "  (load avg " + Proc.loadAverage() + ")");
  }

  private static void progress(String format, Object... args) {
    System.out.println("   " + String.format(format, args));
  }

  private void figure(String name, String target, String measured, Boolean met, String detail) {
    String verdict = met == null ? "" : met ? "met" : "MISSED";
    System.out.printf("FIGURE %-48s %-14s target %-12s %s%s%n",
        name, measured, target, verdict, detail == null || detail.isEmpty() ? "" : "  [" + detail + "]");
    summary.add(new String[] {name, target, measured, met == null ? "-" : met ? "yes" : "NO"});
  }

  private void printSummary(double seconds) {
    System.out.println();
    System.out.printf("== summary (%.0f s, load avg at end %s)%n", seconds, Proc.loadAverage());
    System.out.printf("| %-48s | %-14s | %-14s | %-4s |%n", "figure", "target", "measured", "met?");
    System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(50), "-".repeat(16), "-".repeat(16), "-".repeat(6));
    for (String[] row : summary) {
      System.out.printf("| %-48s | %-14s | %-14s | %-4s |%n", row[0], row[1], row[2], row[3]);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int m = sorted.size();
    return m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
  }

  private static String fmtList(List<Double> values, String format) {
    return String.join(" ", values.stream().map(v -> String.format(format, v)).toList());
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
