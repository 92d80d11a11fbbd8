package io.platformsandbox.app.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.plugins.PluginConsoleViewModel;
import io.platformsandbox.app.plugins.PluginState;
import io.platformsandbox.app.plugins.PluginsViewModel;
import io.platformsandbox.app.testsupport.TestSandbox;
import io.platformsandbox.app.testsupport.ValidatedSample;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace registry as the marketplace lists it, and installing from it into a real engine with its mock APIs. */
class MarketplaceViewModelTest {
  private static TestSandbox sandbox;
  @TempDir Path workspace;
  @TempDir Path keysDir;
  private PluginsViewModel plugins;
  private MarketplaceViewModel vm;
  private PublisherKeys keys;

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
    sandbox.reset();
    sandbox.notifications.notices().clear();
    sandbox.session.workspaceProperty().set(workspace);
    plugins = new PluginsViewModel(sandbox.session, sandbox.executor, sandbox.notifications);
    vm = new MarketplaceViewModel(sandbox.session, plugins, sandbox.executor, sandbox.notifications, keysDir);
    keys = PublisherKeys.generate(keysDir, false);
  }

  @AfterEach
  void stopPlugins() {
    plugins.stopAllBlocking();
    sandbox.executor.runPending();
  }

  /** Validated (once per JVM), packaged and published into the workspace registry, as Package and Publish does. */
  private VerifiedBundle publishSample() throws Exception {
    Path dir = ValidatedSample.copyInto(workspace.resolve("plugins"));
    VerifiedBundle b = Bundles.pack(dir, Bundles.defaultReport(dir), keys, Bundles.defaultOutDir(dir));
    new Registry(Registry.defaultDir(workspace)).publish(b.file());
    return b;
  }

  private Notice lastNotice() {
    var n = sandbox.notifications.notices();
    return n.get(n.size() - 1);
  }

  @Test
  void anEmptyRegistrySaysHowToFillIt() {
    vm.reload();

    assertThat(vm.entries()).isEmpty();
    assertThat(vm.statusProperty().get()).startsWith("Nothing published yet");
  }

  @Test
  void listsEachPublishedVersionWithItsPublisherKeyAndTime() throws Exception {
    VerifiedBundle b = publishSample();

    vm.reload();

    assertThat(vm.entries()).singleElement().satisfies(e -> {
      assertThat(e.coordinates()).isEqualTo(ValidatedSample.ID + "@1.0.0");
      assertThat(e.publisher()).isEqualTo("acme");
      assertThat(e.name()).isEqualTo("CRM Sync (Python)");
      assertThat(e.keyFingerprint()).isEqualTo(keys.fingerprint());
      assertThat(e.publishedAt()).isNotNull();
      assertThat(e.latest()).isTrue();
      assertThat(e.sha256()).isEqualTo(b.sha256());
    });
    assertThat(vm.statusProperty().get()).startsWith("1 plugin, 1 version in ");
  }

  @Test
  void installVerifiesUnpacksIntoTheWorkspaceAndRunsItInThePickedTenant() throws Exception {
    publishSample();
    vm.reload();
    MarketplaceEntry entry = vm.entries().get(0);

    vm.install(entry, "other");

    Path installed = workspace.resolve(".sandbox/plugins/" + ValidatedSample.ID + "/1.0.0");
    assertThat(installed.resolve("plugin.py")).exists();
    assertThat(installed.resolve("plugin.yaml")).exists();
    PluginConsoleViewModel console = plugins.console(installed);
    assertThat(console).isNotNull();
    assertThat(console.state()).isEqualTo(PluginState.RUNNING);
    assertThat(console.tenant()).isEqualTo("other");
    assertThat(sandbox.notifications.notices()).anyMatch(n -> n.title().equals("Installed " + ValidatedSample.ID + "@1.0.0"));
  }

  @Test
  void aTamperedBundleIsRefusedOnInstallAndNothingIsUnpacked() throws Exception {
    publishSample();
    vm.reload();
    Path stored = new Registry(Registry.defaultDir(workspace)).find(ValidatedSample.ID, "1.0.0").orElseThrow();
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 1;
    Files.write(stored, bytes, StandardOpenOption.TRUNCATE_EXISTING);

    vm.install(vm.entries().get(0), "other");

    assertThat(lastNotice().level()).isEqualTo(Notice.Level.ERROR);
    assertThat(lastNotice().title()).isEqualTo("Install " + ValidatedSample.ID + "@1.0.0 refused");
    assertThat(lastNotice().message()).doesNotContain("Exception");
    assertThat(workspace.resolve(".sandbox/plugins/" + ValidatedSample.ID + "/1.0.0")).doesNotExist();
    assertThat(plugins.consoles()).isEmpty();
  }

  @Test
  void withoutARunningSandboxNothingIsInstalled() throws Exception {
    publishSample();
    vm.reload();
    sandbox.session.stop();
    try {
      vm.install(vm.entries().get(0), "other");

      assertThat(lastNotice().message()).contains("not running");
      assertThat(workspace.resolve(".sandbox/plugins")).doesNotExist();
    } finally {
      sandbox.session.connect(sandbox.engine.apiUrl());
      sandbox.session.workspaceProperty().set(workspace);
    }
  }
}
