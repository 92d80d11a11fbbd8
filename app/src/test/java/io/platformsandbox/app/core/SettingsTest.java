package io.platformsandbox.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void valuesSurviveARestart() {
    Settings s = new Settings(dir.resolve("nested"));
    s.put("window.width", 1234.0);
    s.put("theme.dark", true);
    s.save();
    Settings again = new Settings(dir.resolve("nested"));
    assertThat(again.getDouble("window.width", 0)).isEqualTo(1234.0);
    assertThat(again.getBoolean("theme.dark", false)).isTrue();
  }

  @Test
  void aDamagedFileFallsBackToDefaults() throws Exception {
    Files.writeString(dir.resolve("workbench.properties"), "window.width=wide\n");
    Settings s = new Settings(dir);
    assertThat(s.getDouble("window.width", 800)).isEqualTo(800);
  }

  @Test
  void errorsBecomeOneReadableSentence() {
    assertThat(Notifications.describe(new java.net.ConnectException("Connection refused"))).isEqualTo("The sandbox is not reachable; is it running?");
    assertThat(Notifications.describe(io.platformsandbox.app.http.ApiException.from(422,
        "{\"type\":\"x/validation\",\"title\":\"Invalid\",\"status\":422,\"detail\":\"The record is not valid.\",\"errors\":{\"title\":\"is required\"}}")))
        .isEqualTo("The record is not valid. title is required");
    assertThat(Notifications.describe(io.platformsandbox.app.http.ApiException.from(502, "<html>bad gateway</html>"))).isEqualTo("<html>bad gateway</html>");
  }
}
