package io.platformsandbox.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.core.Settings;
import io.platformsandbox.app.http.HttpClients;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {
  @TempDir Path dir;

  private ShellViewModel vm(Settings settings) {
    var executor = new CurrentThreadExecutor();
    var session = new SandboxSession(HttpClients.create(), executor, new Notifications());
    return new ShellViewModel(session, executor, new Notifications(), settings, EngineConfig.ephemeral().withMockPort(-1));
  }

  @Test
  void themeAndZoomAreRememberedAndZoomStaysInRange() {
    Settings settings = new Settings(dir);
    ShellViewModel vm = vm(settings);
    vm.darkThemeProperty().set(true);
    for (int i = 0; i < 30; i++) {
      vm.zoomIn();
    }
    assertThat(vm.zoomProperty().get()).isEqualTo(ShellViewModel.MAX_ZOOM);
    assertThat(vm.zoomText()).isEqualTo("200%");
    settings.save();
    ShellViewModel again = vm(new Settings(dir));
    assertThat(again.darkThemeProperty().get()).isTrue();
    assertThat(again.zoomProperty().get()).isEqualTo(ShellViewModel.MAX_ZOOM);
    again.zoomReset();
    assertThat(again.zoomProperty().get()).isEqualTo(1.0);
  }

  @Test
  void startAndStopFollowTheSandboxAndTheTitleNamesTheWorkspace() {
    ShellViewModel vm = vm(new Settings(dir));
    assertThat(vm.canStartBinding().get()).isTrue();
    assertThat(vm.canStopBinding().get()).isFalse();
    vm.start();
    assertThat(vm.statusTextBinding().get()).isEqualTo("Sandbox running");
    assertThat(vm.canStartBinding().get()).isFalse();
    assertThat(vm.canStopBinding().get()).isTrue();
    assertThat(vm.titleBinding().get()).isEqualTo("Platform Sandbox — in memory");
    assertThat(vm.clockTextBinding().get()).endsWith("UTC");
    vm.stop();
    assertThat(vm.statusTextBinding().get()).isEqualTo("Stopped");
  }

  @Test
  void aClockAheadOfRealTimeShowsItsOffset() {
    assertThat(ShellViewModel.offset(Duration.ofSeconds(3600))).isEqualTo("+1h");
    assertThat(ShellViewModel.offset(Duration.ofSeconds(90061))).isEqualTo("+1d 1h");
    assertThat(ShellViewModel.offset(Duration.ofSeconds(-120))).isEqualTo("-2m");
  }
}
