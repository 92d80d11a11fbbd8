package io.platformsandbox.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.testsupport.Plugins;
import io.platformsandbox.app.testsupport.TestSandbox;
import io.platformsandbox.app.testsupport.UiThread;
import io.platformsandbox.engine.plugins.runtime.PluginLog;
import io.platformsandbox.engine.plugins.runtime.RunningPlugin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real plugins (Python) against a real engine with its mock APIs, on free ports. */
class PluginsViewModelTest {
  private static TestSandbox sandbox;
  private PluginsViewModel vm;
  @TempDir Path ws;

  @BeforeAll
  static void startEngine() {
    sandbox = new TestSandbox(true);
  }

  @AfterAll
  static void stopEngine() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    if (!sandbox.session.status().isLive()) {
      sandbox.session.connect(sandbox.engine.apiUrl());
    }
    sandbox.reset();
    sandbox.notifications.notices().clear();
    vm = new PluginsViewModel(sandbox.session, sandbox.executor, sandbox.notifications);
  }

  @AfterEach
  void stopPlugins() {
    vm.stopAllBlocking();
    sandbox.executor.runPending();
  }

  private static List<String> texts(PluginConsoleViewModel c) {
    return c.lines().stream().map(PluginLog.Line::text).toList();
  }

  private static Notice lastNotice() {
    var n = sandbox.notifications.notices();
    return n.get(n.size() - 1);
  }

  @Test
  void theSampleRunsItsOutputArrivesInItsConsoleAndItStopsWithSigterm() throws Exception {
    PluginInfo sample = PluginFolders.read(Plugins.copySample("crm-sync-python", ws));

    PluginConsoleViewModel console = vm.run(sample);

    assertThat(console.state()).isEqualTo(PluginState.RUNNING);
    assertThat(console.tenant()).as("no tenant picked: the default, as sandbox run").isEqualTo(PluginsViewModel.DEFAULT_TENANT);
    assertThat(vm.selectedConsoleProperty().get()).isSameAs(console);
    assertThat(vm.anyRunningBinding().get()).isTrue();
    UiThread.until(sandbox.executor, () -> texts(console).stream().anyMatch(t -> t.contains("crm-sync listening")));
    assertThat(sandbox.session.apps()).anyMatch(a -> a.name().equals("acme.crm-sync-python") && a.tenant().equals("dev"));
    RunningPlugin process = console.process();

    vm.stop(console);
    sandbox.executor.runPending();

    assertThat(console.state()).isEqualTo(PluginState.STOPPED);
    assertThat(process.isAlive()).isFalse();
    assertThat(console.statusTextProperty().get()).startsWith("Stopped").contains("exit code");
    assertThat(texts(console).get(texts(console).size() - 1)).startsWith("Stopped (");
    assertThat(vm.anyRunningBinding().get()).isFalse();
  }

  @Test
  void aPluginRunsInTheTenantPickedInTheToolbar() throws Exception {
    sandbox.session.createTenant("acme", "Acme", () -> {}, e -> {});
    sandbox.session.selectedTenantProperty().set("acme");
    PluginConsoleViewModel console = vm.run(PluginFolders.read(Plugins.python(ws, "steady", -1, 0, false)));

    assertThat(console.state()).isEqualTo(PluginState.RUNNING);
    assertThat(console.tenant()).isEqualTo("acme");
    assertThat(sandbox.session.apps()).anyMatch(a -> a.name().equals("test.steady") && a.tenant().equals("acme"));
  }

  @Test
  void aPluginThatExitsBeforeItIsHealthyFailsWithItsExitCodeAndLastLinesInANotice() throws Exception {
    PluginConsoleViewModel console = vm.run(PluginFolders.read(Plugins.python(ws, "quitter", 0, 3, true)));
    sandbox.executor.runPending();

    assertThat(console.state()).isEqualTo(PluginState.FAILED);
    assertThat(console.exitCodeProperty().get()).isEqualTo(3);
    assertThat(texts(console)).contains("hello from quitter", "cannot go on");
    Notice notice = lastNotice();
    assertThat(notice.level()).isEqualTo(Notice.Level.ERROR);
    assertThat(notice.title()).isEqualTo("Run test.quitter failed");
    assertThat(notice.message()).contains("exited with code 3").contains("Last lines:").contains("cannot go on").doesNotContain("Exception", "\tat ");
  }

  @Test
  void aPluginThatCrashesAfterStartingShowsItsExitCode() throws Exception {
    PluginConsoleViewModel console = vm.run(PluginFolders.read(Plugins.python(ws, "crasher", 0.5, 7, false)));
    assertThat(console.state()).isEqualTo(PluginState.RUNNING);

    UiThread.until(sandbox.executor, () -> console.state() == PluginState.EXITED);

    assertThat(console.exitCodeProperty().get()).isEqualTo(7);
    assertThat(console.statusTextProperty().get()).contains("exit code 7");
    assertThat(texts(console)).contains("going down", "Exited with code 7");
    assertThat(lastNotice().title()).isEqualTo("test.crasher exited");
    assertThat(lastNotice().message()).contains("exit code 7").contains("going down");
  }

  @Test
  void anInvalidManifestDoesNotStartAndSaysWhichLine() throws Exception {
    PluginConsoleViewModel console = vm.run(PluginFolders.read(Plugins.brokenManifest(ws, "broken")));
    sandbox.executor.runPending();

    assertThat(console.state()).isEqualTo(PluginState.FAILED);
    assertThat(lastNotice().message()).startsWith("plugin.yaml is not valid: plugin.yaml:").contains("runtime");
  }

  @Test
  void stoppingTheSessionStopsEveryPluginFirst() throws Exception {
    PluginConsoleViewModel a = vm.run(PluginFolders.read(Plugins.python(ws, "one", -1, 0, false)));
    PluginConsoleViewModel b = vm.run(PluginFolders.read(Plugins.python(ws, "two", -1, 0, false)));
    RunningPlugin pa = a.process();
    RunningPlugin pb = b.process();
    assertThat(vm.consoles()).containsExactly(a, b);

    sandbox.session.stop();
    sandbox.executor.runPending();

    assertThat(pa.isAlive()).isFalse();
    assertThat(pb.isAlive()).isFalse();
    assertThat(a.state()).isEqualTo(PluginState.STOPPED);
    assertThat(b.state()).isEqualTo(PluginState.STOPPED);
    assertThat(vm.hasActive()).isFalse();
  }

  @Test
  void withoutARunningSandboxRunSaysSoInsteadOfStarting() throws Exception {
    sandbox.session.stop();
    PluginConsoleViewModel console = vm.run(PluginFolders.read(Plugins.python(ws, "idle", -1, 0, false)));

    assertThat(console).isNull();
    assertThat(lastNotice().message()).contains("start it first");
  }
}
