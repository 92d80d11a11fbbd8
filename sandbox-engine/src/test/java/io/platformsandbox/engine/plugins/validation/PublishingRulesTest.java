package io.platformsandbox.engine.plugins.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule in both directions, with real plugin processes: each purpose-built plugin in
 * {@code src/test/plugins/<check>-…} breaks exactly one rule and is failed by exactly that check; the
 * good one and the good sample pass; the flawed sample fails exactly the checks its README lists.
 */
class PublishingRulesTest {
  private static final Path TEST_PLUGINS = Path.of("src/test/plugins");
  private static final Path SAMPLES = Path.of("../sample-projects");
  private static final Map<Path, Report> REPORTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void validateEverythingInParallel() throws Exception {
    List<Path> dirs = Stream.concat(variants().stream(), Stream.of(SAMPLES.resolve("crm-sync-python"), SAMPLES.resolve("leaky-notes")))
        .toList();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> running = dirs.stream()
          .map(d -> pool.submit(() -> REPORTS.put(d, new Validator(r -> { }).validate(d))))
          .collect(Collectors.toList());
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static List<Path> variants() throws IOException {
    try (Stream<Path> s = Files.list(TEST_PLUGINS)) {
      return s.filter(p -> Files.exists(p.resolve("plugin.yaml"))).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void aPluginThatBreaksOneRuleIsFailedByExactlyThatCheck(Path dir) {
    String name = dir.getFileName().toString();
    Set<String> expected = name.equals("good") || name.startsWith("warn-") ? Set.of() : Set.of(name.substring(0, 3).toUpperCase(Locale.ROOT));

    assertThat(failed(REPORTS.get(dir))).as(explain(REPORTS.get(dir))).isEqualTo(expected);
    if (name.startsWith("warn-")) {
      String check = name.substring(5, 8).toUpperCase(Locale.ROOT);
      assertThat(REPORTS.get(dir).checks()).filteredOn(c -> c.status() == CheckResult.Status.WARN)
          .extracting(c -> c.check().name()).as(explain(REPORTS.get(dir))).containsExactly(check);
    }
  }

  @Test
  void theGoodSamplePassesEveryCheck() {
    Report report = REPORTS.get(SAMPLES.resolve("crm-sync-python"));

    assertThat(report.passed()).as(explain(report)).isTrue();
    assertThat(report.checks()).extracting(CheckResult::status).doesNotContain(CheckResult.Status.SKIP, CheckResult.Status.WARN);
  }

  @Test
  void theFlawedSampleFailsExactlyTheChecksItsReadmeLists() throws IOException {
    Path dir = SAMPLES.resolve("leaky-notes");
    Set<String> listed = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\|\\s*([MRSQCT]\\d\\d)\\s*\\|").matcher(Files.readString(dir.resolve("README.md")));
    while (m.find()) {
      listed.add(m.group(1));
    }

    assertThat(listed).isNotEmpty();
    assertThat(failed(REPORTS.get(dir))).as(explain(REPORTS.get(dir))).isEqualTo(listed);
  }

  private static Set<String> failed(Report r) {
    return r.failures().stream().map(c -> c.check().name()).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static String explain(Report r) {
    return r.checks().stream()
        .filter(c -> c.status() != CheckResult.Status.PASS)
        .map(c -> c.check() + " " + c.status() + ": " + c.reason() + (c.evidence().isEmpty() ? "" : "\n      " + String.join("\n      ", c.evidence().stream().limit(6).toList())))
        .collect(Collectors.joining("\n", "\n", "\n"));
  }
}
