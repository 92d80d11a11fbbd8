package io.platformsandbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkbenchMainTest {
  @Test
  void noArgumentsWithADisplayOpensTheWorkbench() {
    assertThat(WorkbenchMain.wantsWorkbench(new String[0], Map.of("DISPLAY", ":0"))).isTrue();
    assertThat(WorkbenchMain.wantsWorkbench(new String[0], Map.of("WAYLAND_DISPLAY", "wayland-0"))).isTrue();
  }

  @Test
  void noArgumentsWithoutADisplayRunsTheCli() {
    assertThat(WorkbenchMain.wantsWorkbench(new String[0], Map.of())).isFalse();
    assertThat(WorkbenchMain.wantsWorkbench(new String[0], Map.of("DISPLAY", " "))).isFalse();
  }

  @Test
  void theAppCommandOpensTheWorkbenchAndEveryOtherCommandRunsTheCli() {
    assertThat(WorkbenchMain.wantsWorkbench(new String[] {"app", "--in-memory"}, Map.of())).isTrue();
    assertThat(WorkbenchMain.wantsWorkbench(new String[] {"serve"}, Map.of("DISPLAY", ":0"))).isFalse();
    assertThat(WorkbenchMain.wantsWorkbench(new String[] {"--version"}, Map.of("DISPLAY", ":0"))).isFalse();
  }
}
