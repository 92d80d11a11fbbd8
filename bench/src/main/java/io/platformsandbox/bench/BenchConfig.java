package io.platformsandbox.bench;

import java.nio.file.Path;

/** Every knob of the bench, from environment variables (see bench/run.sh for the list). */
record BenchConfig(
    Path repo,
    Path workDir,
    String engineClasspath,
    String engineJavaOpts,
    boolean useLauncher,
    int startTimeoutSeconds,
    int startupRuns,
    double idleSeconds,
    int clients,
    double warmupSeconds,
    double durationSeconds,
    int rounds,
    int filterRecords,
    int filterQueries,
    int filterWarmupQueries,
    String loadMode,
    int loadClients,
    double loadProbeSeconds,
    double loadBudgetSeconds,
    int storeThreads,
    int storeWriteDelayMillis,
    boolean wireMockJournal,
    boolean measureEngineMocks) {

  static BenchConfig fromEnvironment() {
    Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
    String engineCp = System.getProperty("bench.engine.classpath");
    if (engineCp == null || engineCp.isBlank()) {
      throw new IllegalStateException("-Dbench.engine.classpath is required (bench/run.sh sets it)");
    }
    return new BenchConfig(
        repo,
        Path.of(env("BENCH_WORK_DIR", System.getProperty("java.io.tmpdir") + "/sandbox-bench")).toAbsolutePath(),
        engineCp,
        env("SANDBOX_JAVA_OPTS", ""),
        env("BENCH_LAUNCH", "java").equals("script"),
        (int) num("BENCH_START_TIMEOUT_S", 120),
        (int) num("BENCH_STARTUP_RUNS", 5),
        num("BENCH_IDLE_S", 5),
        (int) num("BENCH_CLIENTS", 16),
        num("BENCH_WARMUP_S", 8),
        num("BENCH_DURATION_S", 10),
        (int) num("BENCH_ROUNDS", 2),
        (int) num("BENCH_FILTER_RECORDS", 1_000_000),
        (int) num("BENCH_FILTER_QUERIES", 200),
        (int) num("BENCH_FILTER_WARMUP_QUERIES", 100),
        env("BENCH_LOAD_MODE", "auto"),
        (int) num("BENCH_LOAD_CLIENTS", 32),
        num("BENCH_LOAD_PROBE_S", 15),
        num("BENCH_LOAD_BUDGET_S", 180),
        (int) num("BENCH_STORE_THREADS", 4),
        (int) num("BENCH_STORE_WRITE_DELAY_MS", 500),
        env("BENCH_WIREMOCK_JOURNAL", "0").equals("1"),
        !env("BENCH_ENGINE_MOCKS", "1").equals("0"));
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  private static double num(String name, double dflt) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
    }
  }
}
