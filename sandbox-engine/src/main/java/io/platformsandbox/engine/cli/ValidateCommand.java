package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.plugins.validation.CheckResult;
import io.platformsandbox.engine.plugins.validation.Report;
import io.platformsandbox.engine.plugins.validation.ReportFiles;
import io.platformsandbox.engine.plugins.validation.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sandbox validate DIR}: every publishing rule, with evidence; non-zero exit on any fail. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a plugin against the platform's publishing rules (M01-T01) in a fresh in-memory sandbox. Writes report.json, report.html and junit.xml. Exit code 1 when any check fails.")
final class ValidateCommand implements Callable<Integer> {
  /** Where reports go unless {@code --report} says otherwise, relative to the plugin folder. */
  static final String DEFAULT_REPORT_DIR = ".sandbox/report";

  private final Console console;

  @Parameters(paramLabel = "DIR", description = "The plugin folder (with plugin.yaml).")
  Path dir;

  @Option(names = "--report", paramLabel = "DIR", description = "Where to write the reports (default: DIR/" + DEFAULT_REPORT_DIR + ").")
  Path reportDir;

  ValidateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      console.error("error: " + dir + " is not a folder (a plugin is a folder with a plugin.yaml)");
      return 2;
    }
    console.line("Validating " + dir.toAbsolutePath().normalize() + " ...");
    Report report = new Validator(this::progress).validate(dir);
    Path out = reportDir != null ? reportDir : dir.resolve(DEFAULT_REPORT_DIR);
    ReportFiles.write(report, out);
    long failed = report.failures().size();
    if (failed == 0) {
      console.line(String.format(Locale.ROOT, "PASS %s %s: no failing checks (%.1f s)", report.pluginId(), report.pluginVersion(),
          report.durationMs() / 1000.0));
    } else {
      console.line(String.format(Locale.ROOT, "FAIL %s %s: %d failing check%s (%s) (%.1f s)", report.pluginId(),
          report.pluginVersion(), failed, failed == 1 ? "" : "s",
          report.failures().stream().map(c -> c.check().name()).collect(Collectors.joining(", ")), report.durationMs() / 1000.0));
    }
    console.line("Report: " + out.resolve("report.html").toAbsolutePath().normalize());
    return failed == 0 ? 0 : 1;
  }

  private void progress(CheckResult r) {
    console.line(String.format(Locale.ROOT, "  %-4s %s  %s — %s", r.status().name(), r.check().name(), r.check().title(), r.reason()));
  }
}
