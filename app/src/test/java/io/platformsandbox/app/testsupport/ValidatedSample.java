package io.platformsandbox.app.testsupport;

import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.validation.Report;
import io.platformsandbox.engine.plugins.validation.ReportFiles;
import io.platformsandbox.engine.plugins.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy of {@code sample-projects/crm-sync-python} with a passing validation report, for the tests
 * that package and publish: the first call validates it for real (about 15 s, once per test JVM),
 * later calls copy the validated folder (the report still matches: same bytes, same paths).
 */
public final class ValidatedSample {
  public static final String NAME = "crm-sync-python";
  public static final String ID = "acme.crm-sync-python";
  public static final String VERSION = "1.0.0";
  private static Path validated;

  private ValidatedSample() {}

  /** Copies the validated sample into {@code parent/crm-sync-python} (with its report) and returns it. */
  public static synchronized Path copyInto(Path parent) throws IOException {
    if (validated == null) {
      Path home = Files.createTempDirectory("validated-sample");
      Path dir = Plugins.copySample(NAME, home);
      Report r = new Validator(result -> {}).validate(dir);
      if (!r.passed()) {
        throw new IllegalStateException("the sample did not pass validation: " + r.failures().stream()
            .map(c -> c.check() + " " + c.reason()).collect(Collectors.joining("; ")));
      }
      ReportFiles.write(r, Bundles.defaultReport(dir).getParent());
      validated = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(home)));
    }
    Path to = parent.resolve(NAME);
    Plugins.copyTree(validated, to, rel -> rel.startsWith(".sandbox/dist"));
    return to;
  }

  public static void delete(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
