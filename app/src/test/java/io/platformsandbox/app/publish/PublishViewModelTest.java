package io.platformsandbox.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.plugins.PluginFolders;
import io.platformsandbox.app.publish.PublishViewModel.KeyState;
import io.platformsandbox.app.publish.PublishViewModel.Progress;
import io.platformsandbox.app.publish.PublishViewModel.ReportState;
import io.platformsandbox.app.testsupport.ValidatedSample;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package and Publish with a really validated copy of the Python sample (validated once per test JVM). */
class PublishViewModelTest {
  private final CurrentThreadExecutor executor = new CurrentThreadExecutor();
  private final Notifications notifications = new Notifications();
  private final List<PluginInfo> validations = new ArrayList<>();
  @TempDir Path workspace;
  @TempDir Path keys;
  private Path plugin;
  private Path registry;

  @BeforeEach
  void copyTheValidatedSample() throws Exception {
    plugin = ValidatedSample.copyInto(workspace);
    registry = Registry.defaultDir(workspace);
  }

  private PublishViewModel model(Path keysDir) {
    PublishViewModel vm = new PublishViewModel(PluginFolders.read(plugin), registry, keysDir, executor, notifications, (p, done) -> {
      validations.add(p);
      done.run();
    });
    vm.inspect();
    return vm;
  }

  private Notice lastNotice() {
    return notifications.notices().get(notifications.notices().size() - 1);
  }

  @Test
  void aValidatedPluginWithoutAKeyGetsOneAndIsPublishedToTheWorkspaceRegistry() {
    PublishViewModel vm = model(keys.resolve("new"));
    assertThat(vm.reportStateProperty().get()).isEqualTo(ReportState.MATCHES);
    assertThat(vm.reportTextProperty().get()).startsWith("Passed");
    assertThat(vm.keyStateProperty().get()).isEqualTo(KeyState.MISSING);
    assertThat(vm.canPublishBinding().get()).isFalse();
    assertThat(vm.registryTextProperty().get()).contains("is new to the registry");

    vm.generateKey();

    assertThat(vm.keyStateProperty().get()).isEqualTo(KeyState.PRESENT);
    assertThat(vm.keyFingerprintProperty().get()).matches("[0-9a-f]{64}")
        .isEqualTo(PublisherKeys.load(keys.resolve("new")).fingerprint());
    assertThat(vm.canPublishBinding().get()).isTrue();

    vm.publish();
    executor.runPending();

    assertThat(vm.progressProperty().get()).isEqualTo(Progress.PUBLISHED);
    assertThat(vm.progressTextProperty().get()).startsWith("Published " + ValidatedSample.ID + " 1.0.0");
    assertThat(new Registry(registry).find(ValidatedSample.ID, ValidatedSample.VERSION)).isPresent();
    assertThat(Bundles.defaultOutDir(plugin).resolve(ValidatedSample.ID + "-1.0.0.plugin.zip")).exists();
    assertThat(lastNotice().level()).isEqualTo(Notice.Level.SUCCESS);
    assertThat(vm.registryTextProperty().get()).contains("Published versions: 1.0.0").contains("your key");
  }

  @Test
  void anExistingKeyIsNeverReplaced() {
    PublisherKeys existing = PublisherKeys.generate(keys, false);
    PublishViewModel vm = model(keys);
    assertThat(vm.keyStateProperty().get()).isEqualTo(KeyState.PRESENT);

    vm.generateKey();

    assertThat(PublisherKeys.load(keys).fingerprint()).isEqualTo(existing.fingerprint());
  }

  @Test
  void aFileChangedAfterValidationOffersValidateInsteadOfPublish() throws Exception {
    PublisherKeys.generate(keys, false);
    Files.writeString(plugin.resolve("README.md"), "\nchanged\n", java.nio.file.StandardOpenOption.APPEND);

    PublishViewModel vm = model(keys);

    assertThat(vm.reportStateProperty().get()).isEqualTo(ReportState.STALE);
    assertThat(vm.reportTextProperty().get()).contains("changed after they were validated");
    assertThat(vm.canPublishBinding().get()).isFalse();
    assertThat(vm.canValidateBinding().get()).isTrue();

    vm.validate();

    assertThat(validations).extracting(PluginInfo::dir).containsExactly(plugin);
    assertThat(vm.reportStateProperty().get()).as("checked again once the validation ended").isEqualTo(ReportState.STALE);
  }

  @Test
  void aPluginNeverValidatedHasNoReport() throws Exception {
    ValidatedSample.delete(plugin.resolve(".sandbox"));

    PublishViewModel vm = model(keys);

    assertThat(vm.reportStateProperty().get()).isEqualTo(ReportState.MISSING);
    assertThat(vm.canPublishBinding().get()).isFalse();
  }

  @Test
  void publishingTheSameBundleAgainChangesNothing() {
    PublisherKeys.generate(keys, false);
    PublishViewModel vm = model(keys);
    vm.publish();

    vm.publish();
    executor.runPending();

    assertThat(vm.progressProperty().get()).isEqualTo(Progress.ALREADY_PUBLISHED);
    assertThat(lastNotice().level()).isEqualTo(Notice.Level.INFO);
    assertThat(new Registry(registry).plugins()).singleElement().satisfies(p -> assertThat(p.versions()).hasSize(1));
  }

  @Test
  void anotherBuildOfAPublishedVersionIsRefusedWithAReadableNotice() throws Exception {
    PublisherKeys.generate(keys, false);
    model(keys).publish();
    // Another validation of the same files: a report with other bytes, so a bundle with other bytes.
    Path report = Bundles.defaultReport(plugin);
    Files.writeString(report, Files.readString(report).replaceFirst("\"duration_ms\"\\s*:\\s*\\d+", "\"duration_ms\": 1"));
    PublishViewModel vm = model(keys);
    assertThat(vm.registryTextProperty().get()).contains("1.0.0 is published already");

    vm.publish();
    executor.runPending();

    assertThat(vm.progressProperty().get()).isEqualTo(Progress.REFUSED);
    assertThat(lastNotice().level()).isEqualTo(Notice.Level.ERROR);
    assertThat(lastNotice().title()).isEqualTo("Publish " + ValidatedSample.ID + " 1.0.0 refused");
    assertThat(lastNotice().message()).contains("already published with other bytes").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(vm.progressTextProperty().get()).startsWith("Refused: ");
  }

  @Test
  void aPluginPinnedToAnotherKeyIsRefusedWithAReadableNotice() {
    PublisherKeys.generate(keys.resolve("first"), false);
    model(keys.resolve("first")).publish();
    PublisherKeys.generate(keys.resolve("second"), false);
    PublishViewModel vm = model(keys.resolve("second"));
    assertThat(vm.registryTextProperty().get()).contains("Pinned to another publisher key");

    vm.publish();

    assertThat(vm.progressProperty().get()).isEqualTo(Progress.REFUSED);
    assertThat(lastNotice().message()).contains("is pinned to the publisher key").doesNotContain("Exception");
  }

  @Test
  void anUnreadableRegistryIsSaidSoWhileTheReportAndKeyStillShow() throws Exception {
    PublisherKeys.generate(keys, false);
    Files.createDirectories(registry);
    Files.writeString(registry.resolve(Registry.INDEX), "{not json");

    PublishViewModel vm = model(keys);

    assertThat(vm.registryTextProperty().get()).contains("cannot be read");
    assertThat(vm.reportStateProperty().get()).isEqualTo(ReportState.MATCHES);
    assertThat(vm.keyStateProperty().get()).isEqualTo(KeyState.PRESENT);
  }

  @Test
  void withoutAWorkspaceNothingIsPublished() {
    PublisherKeys.generate(keys, false);
    PublishViewModel vm = new PublishViewModel(PluginFolders.read(plugin), null, keys, executor, notifications, (p, done) -> done.run());
    vm.inspect();

    assertThat(vm.canPublishBinding().get()).isFalse();
    assertThat(vm.registryTextProperty().get()).contains("runs in memory");
  }
}
