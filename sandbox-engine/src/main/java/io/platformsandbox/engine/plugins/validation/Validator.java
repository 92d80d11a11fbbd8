package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.Version;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.Digests;
import io.platformsandbox.engine.plugins.bundles.PackageFiles;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestError;
import io.platformsandbox.engine.plugins.manifest.ManifestException;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import io.platformsandbox.engine.plugins.manifest.ManifestRules;
import io.platformsandbox.engine.plugins.runtime.PluginRuntime;
import io.platformsandbox.engine.plugins.runtime.PluginStartException;
import io.platformsandbox.engine.plugins.runtime.RunningPlugin;
import io.platformsandbox.engine.plugins.runtime.SandboxHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code sandbox validate}: runs every publishing rule (DESIGN §6) against a plugin in a fresh
 * in-memory sandbox, driving it for real and judging from what the platform and the proxy observed.
 */
public final class Validator {
  private final Consumer<CheckResult> progress;

  /** @param progress gets each check's result as soon as it is known (a progress line per check) */
  public Validator(Consumer<CheckResult> progress) {
    this.progress = progress;
  }

  /** Validates the plugin in {@code dir}; writes nothing (see {@link ReportFiles}). */
  public Report validate(Path dir) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    long t0 = System.nanoTime();
    Map<Check, CheckResult> results = new EnumMap<>(Check.class);
    Path abs = dir.toAbsolutePath().normalize();
    String manifestSha = sha256OfManifest(abs);
    Manifest manifest;
    try {
      manifest = ManifestParser.read(abs);
    } catch (ManifestException e) {
      record(results, CheckResult.fail(Check.M01, e.errors().size() + " problem" + (e.errors().size() == 1 ? "" : "s")
          + " in plugin.yaml; first: " + e.errors().get(0), e.errors().stream().map(ManifestError::toString).toList()));
      for (Check c : Check.values()) {
        if (c != Check.M01) {
          record(results, CheckResult.skip(c, "skipped: plugin.yaml is not valid (M01)"));
        }
      }
      return report(null, manifestSha, "", started, t0, results);
    }
    record(results, CheckResult.pass(Check.M01, "plugin.yaml matches the schema", List.of()));
    record(results, rule(Check.M02, ManifestRules.semver(manifest), "version " + manifest.version() + " is a semantic version"));
    record(results, rule(Check.M03, ManifestRules.knownScopes(manifest), "all " + manifest.scopes().size() + " scopes are known"));
    record(results, rule(Check.M04, ManifestRules.platformRange(manifest),
        "platform " + manifest.platform() + " includes API " + ManifestRules.PLATFORM_API_VERSION));
    String filesSha;
    try {
      filesSha = PackageFiles.filesSha256(abs, PackageFiles.resolve(abs, manifest.packageInclude()));
    } catch (BundleException e) {
      filesSha = "";
    }
    if (ManifestRules.knownScopes(manifest).isPresent()) {
      skipRest(results, "skipped: the platform refuses to register an app with unknown scopes (M03)");
      return report(manifest, manifestSha, filesSha, started, t0, results);
    }
    runLive(manifest, results);
    return report(manifest, manifestSha, filesSha, started, t0, results);
  }

  private void runLive(Manifest manifest, Map<Check, CheckResult> results) {
    Engine engine = Engine.create(EngineConfig.ephemeral()).start();
    try {
      engine.awaitMocks();
      SandboxHttp http = new SandboxHttp(engine.apiUrl(), engine.mockUrl());
      http.api("POST", "/_sandbox/tenants", Map.of("id", Session.TENANT, "name", "Validation")).expectOk("Creating the tenant");
      JsonNode admin = http.api("POST", "/_sandbox/apps", Map.of("tenant", Session.TENANT, "name", "validator",
          "scopes", Arrays.stream(Scope.values()).map(Scope::wire).toList())).expectOk("Creating the validator's app").json();
      Seed seed = loadSeed(manifest, http, results);
      if (seed == null) {
        return;
      }
      Session session = new Session(engine, http, manifest, seed,
          http.token(admin.path("client_id").asText(), admin.path("client_secret").asText()));
      PluginRuntime runtime = new PluginRuntime(http);
      long start = System.nanoTime();
      try {
        session.plugin = runtime.start(manifest, PluginRuntime.Options.of(Session.TENANT).withFixtures(PluginRuntime.Fixtures.NONE));
      } catch (PluginStartException e) {
        record(results, new CheckResult(Check.R01, CheckResult.Status.FAIL, e.getMessage(),
            e.lastLines().stream().map(Object::toString).toList(), millisSince(start)));
        skipRest(results, "skipped: the plugin did not start (R01)");
        return;
      }
      record(results, new CheckResult(Check.R01, CheckResult.Status.PASS,
          "healthy after " + millisSince(start) + " ms (limit " + manifest.runtime().startTimeoutS() + " s)",
          List.of("GET " + manifest.runtime().health() + " → 200"), millisSince(start)));
      try {
        drive(session, results);
      } finally {
        long stopStart = System.nanoTime();
        RunningPlugin.StopResult stop = runtime.stop(session.plugin);
        List<String> lastLines = session.plugin.log().last(5).stream().map(Object::toString).toList();
        record(results, new CheckResult(Check.R02, stop.graceful() ? CheckResult.Status.PASS : CheckResult.Status.FAIL,
            stop.graceful() ? "exited " + (stop.exitCode() == null ? "" : "with code " + stop.exitCode() + " ")
                + stop.took().toMillis() + " ms after SIGTERM"
                : "still running 10 s after SIGTERM and was killed; handle SIGTERM by closing the server and exiting",
            lastLines, millisSince(stopStart)));
        // Logs are complete only once the process has ended.
        record(results, timedCheck(() -> new PrivacyChecks(session).logs()));
      }
    } catch (SandboxHttp.SandboxHttpException e) {
      for (Check c : Check.values()) {
        results.putIfAbsent(c, CheckResult.skip(c, "skipped: the validation sandbox failed: " + e.getMessage()));
      }
    } finally {
      engine.close();
    }
  }

  private void drive(Session session, Map<Check, CheckResult> results) {
    session.seedRecords();
    SecurityChecks security = new SecurityChecks(session);
    ResilienceChecks resilience = new ResilienceChecks(session);
    PrivacyChecks privacy = new PrivacyChecks(session);
    List<Map.Entry<Check, Supplier<CheckResult>>> live = List.of(
        Map.entry(Check.S01, () -> security.signature(Check.S01)),
        Map.entry(Check.S02, () -> security.signature(Check.S02)),
        Map.entry(Check.S03, () -> security.signature(Check.S03)),
        Map.entry(Check.Q01, resilience::duplicates),
        Map.entry(Check.T01, () -> scenarios(session)),
        Map.entry(Check.Q02, resilience::platformRateLimit),
        Map.entry(Check.Q03, resilience::externalFailures),
        Map.entry(Check.Q04, resilience::burst),
        Map.entry(Check.C01, privacy::erasure),
        Map.entry(Check.S04, security::leastPrivilege),
        Map.entry(Check.S05, security::egressHosts),
        Map.entry(Check.S06, privacy::egressPii));
    Check diedDuring = null;
    for (Map.Entry<Check, Supplier<CheckResult>> check : live) {
      boolean needsProcess = !EnumSet.of(Check.S04, Check.S05, Check.S06).contains(check.getKey());
      if (diedDuring != null && needsProcess) {
        record(results, CheckResult.skip(check.getKey(), "skipped: the plugin exited during " + diedDuring));
        continue;
      }
      record(results, timedCheck(check.getValue()));
      if (diedDuring == null && !session.plugin.isAlive()) {
        diedDuring = check.getKey();
      }
    }
  }

  private CheckResult scenarios(Session session) {
    List<Path> files;
    try {
      files = ScenarioRunner.files(session.manifest);
    } catch (IOException e) {
      return CheckResult.fail(Check.T01, "cannot list the scenarios: " + e.getMessage(), List.of());
    }
    if (files.isEmpty()) {
      return CheckResult.skip(Check.T01, "no scenarios: add scenarios/*.yaml to test the plugin's behaviour");
    }
    ScenarioRunner runner = new ScenarioRunner(session);
    List<String> evidence = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Path f : files) {
      ScenarioRunner.Outcome o = runner.run(f);
      evidence.add((o.passed() ? "pass " : "FAIL ") + o.file() + " — " + o.name() + " (" + o.millis() + " ms)");
      o.problems().forEach(p -> evidence.add("    " + p));
      if (!o.passed()) {
        failed.add(o.name());
      }
    }
    return failed.isEmpty()
        ? CheckResult.pass(Check.T01, "all " + files.size() + " scenarios pass", evidence)
        : CheckResult.fail(Check.T01, failed.size() + " of " + files.size() + " scenarios fail: " + String.join("; ", failed), evidence);
  }

  private Seed loadSeed(Manifest manifest, SandboxHttp http, Map<Check, CheckResult> results) {
    if (manifest.fixtures().isEmpty()) {
      return Seed.empty();
    }
    try {
      Path file = manifest.resolve(manifest.fixtures().get());
      JsonNode doc = file.toString().endsWith(".json") ? Json.MAPPER.readTree(file.toFile()) : Json.YAML.readTree(file.toFile());
      Seed seed = new Seed(doc == null ? Json.object() : doc);
      http.api("POST", "/_sandbox/fixtures?tenant=" + Session.TENANT, seed.collectionsOnly()).expectOk("Loading " + manifest.fixtures().get());
      return seed;
    } catch (IOException | IllegalArgumentException | SandboxHttp.SandboxHttpException e) {
      record(results, CheckResult.fail(Check.R01, "the fixtures could not be loaded: " + e.getMessage(), List.of()));
      skipRest(results, "skipped: the fixtures could not be loaded (R01)");
      return null;
    }
  }

  private CheckResult timedCheck(Supplier<CheckResult> check) {
    long start = System.nanoTime();
    CheckResult r = check.get();
    return r.took(millisSince(start));
  }

  private static CheckResult rule(Check c, Optional<String> problem, String okReason) {
    return problem.map(p -> CheckResult.fail(c, p, List.of())).orElseGet(() -> CheckResult.pass(c, okReason, List.of()));
  }

  private void record(Map<Check, CheckResult> results, CheckResult r) {
    if (results.putIfAbsent(r.check(), r) == null) {
      progress.accept(r);
    }
  }

  private void skipRest(Map<Check, CheckResult> results, String reason) {
    for (Check c : Check.values()) {
      if (!results.containsKey(c)) {
        record(results, CheckResult.skip(c, reason));
      }
    }
  }

  private static Report report(Manifest m, String manifestSha, String filesSha, Instant started, long t0, Map<Check, CheckResult> results) {
    return new Report(m == null ? "(invalid manifest)" : m.id(), m == null ? "" : m.version(), Version.current(), manifestSha,
        filesSha, started, millisSince(t0), List.copyOf(results.values()), Optional.ofNullable(m));
  }

  private static String sha256OfManifest(Path dir) {
    try {
      return Digests.sha256Hex(Files.readAllBytes(dir.resolve(Manifest.FILE_NAME)));
    } catch (IOException e) {
      return "";
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
