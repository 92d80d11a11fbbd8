package io.platformsandbox.app.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.plugins.PluginFolders;
import io.platformsandbox.app.testsupport.Plugins;
import io.platformsandbox.app.testsupport.ThreadedExecutor;
import io.platformsandbox.engine.plugins.validation.Check;
import io.platformsandbox.engine.plugins.validation.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's validator driven from the view model: progress, verdict, report files, cancel. */
class ValidationViewModelTest {
  private final Notifications notifications = new Notifications();
  @TempDir Path ws;

  @Test
  void anInvalidManifestFailsM01AndSkipsTheRestQuicklyAndWritesTheReports() throws Exception {
    Path dir = Plugins.brokenManifest(ws, "broken");
    ValidationViewModel vm = new ValidationViewModel(PluginFolders.read(dir), new CurrentThreadExecutor(), notifications);
    long t0 = System.nanoTime();

    vm.start();

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(vm.state()).isEqualTo(ValidationViewModel.State.FAILED);
    assertThat(vm.row(Check.M01).status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(vm.row(Check.M01).reason()).contains("plugin.yaml");
    assertThat(vm.row(Check.M01).evidence()).anyMatch(e -> e.contains("runtime"));
    assertThat(vm.rows()).hasSize(19);
    assertThat(vm.rows().subList(1, 19)).allMatch(r -> r.status() == CheckResult.Status.SKIP);
    assertThat(vm.decidedProperty().get()).isEqualTo(19);
    assertThat(vm.summaryProperty().get()).startsWith("FAIL broken: 1 failing check (M01)");
    Path out = dir.resolve(".sandbox/report");
    assertThat(vm.reportFolderProperty().get()).isEqualTo(out);
    assertThat(out.resolve("report.json")).exists();
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("junit.xml")).exists();
    assertThat(Files.readString(out.resolve("report.json"))).contains("\"status\" : \"fail\"");
    Notice last = notifications.notices().get(notifications.notices().size() - 1);
    assertThat(last.level()).isEqualTo(Notice.Level.ERROR);
    assertThat(last.title()).isEqualTo("Validation failed");
  }

  @Test
  void theSamplePassesWithEachCheckShownAsItIsDecided() throws Exception {
    Path dir = Plugins.copySample("crm-sync-python", ws);
    ThreadedExecutor executor = new ThreadedExecutor();
    ValidationViewModel vm = new ValidationViewModel(PluginFolders.read(dir), executor, notifications);
    AtomicInteger seenWhileRunning = new AtomicInteger();
    vm.decidedProperty().addListener((o, a, b) -> {
      if (vm.state() == ValidationViewModel.State.RUNNING) {
        seenWhileRunning.set(b.intValue());
      }
    });

    vm.start();
    assertThat(vm.state()).isEqualTo(ValidationViewModel.State.RUNNING);
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
      executor.runPending();
      return vm.state() != ValidationViewModel.State.RUNNING;
    });

    assertThat(vm.state()).as(vm.summaryProperty().get()).isEqualTo(ValidationViewModel.State.PASSED);
    assertThat(seenWhileRunning.get()).as("checks decided before the end").isGreaterThan(5);
    assertThat(vm.rows()).noneMatch(r -> r.status() == CheckResult.Status.FAIL || r.status() == null);
    assertThat(vm.row(Check.R01).evidence()).isNotEmpty();
    assertThat(vm.summaryProperty().get()).startsWith("PASS acme.crm-sync-python 1.0.0");
    assertThat(dir.resolve(".sandbox/report/report.html")).exists();
  }

  @Test
  void aCancelledValidationSaysSoAtOnceWindsDownAndWritesNoReport() throws Exception {
    Path dir = Plugins.python(ws, "steady", -1, 0, false);
    ThreadedExecutor executor = new ThreadedExecutor();
    ValidationViewModel vm = new ValidationViewModel(PluginFolders.read(dir), executor, notifications);
    vm.start();
    // Wait until the plugin has started (R01), then cancel in the middle of the live checks.
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
      executor.runPending();
      return vm.row(Check.R01).status() != null;
    });
    vm.cancel();

    assertThat(vm.state()).isEqualTo(ValidationViewModel.State.CANCELLED);
    assertThat(vm.summaryProperty().get()).startsWith("Cancelled after");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("test-job-Validating")));
    executor.runPending();
    assertThat(vm.state()).isEqualTo(ValidationViewModel.State.CANCELLED);
    assertThat(dir.resolve(".sandbox/report/report.json")).doesNotExist();
  }
}
