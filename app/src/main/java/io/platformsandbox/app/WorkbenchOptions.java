package io.platformsandbox.app;

import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;

/**
 * How the workbench starts.
 *
 * @param workspace the workspace folder; null for the last one used or the default one
 * @param inMemory run the embedded engine in memory (nothing written)
 * @param connectUrl connect to a running {@code sandbox serve} at this URL instead of embedding one
 * @param port the embedded engine's API port (0: a free one)
 * @param mockPort the embedded engine's mock API port (0: a free one)
 * @param settingsDir where the workbench keeps its settings; null for {@code ~/.platform-sandbox}
 * @param dark start in the dark theme (null: as last time)
 * @param autoStart start (or connect to) the sandbox as soon as the window shows
 * @param keysDir the publisher keys folder; null for {@code $PLATFORM_SANDBOX_KEYS} or {@code
 *     ~/.platform-sandbox/keys} (as {@code sandbox keys}); tests always give one
 */
public record WorkbenchOptions(
    Path workspace, boolean inMemory, String connectUrl, int port, int mockPort, Path settingsDir, Boolean dark, boolean autoStart, Path keysDir) {

  public static WorkbenchOptions defaults() {
    return new WorkbenchOptions(null, false, null, EngineConfig.DEFAULT_PORT, EngineConfig.DEFAULT_MOCK_PORT, null, null, true, null);
  }

  public WorkbenchOptions withKeysDir(Path dir) {
    return new WorkbenchOptions(workspace, inMemory, connectUrl, port, mockPort, settingsDir, dark, autoStart, dir);
  }

  public WorkbenchOptions withSettingsDir(Path dir) {
    return new WorkbenchOptions(workspace, inMemory, connectUrl, port, mockPort, dir, dark, autoStart, keysDir);
  }

  public WorkbenchOptions withWorkspace(Path dir) {
    return new WorkbenchOptions(dir, inMemory, connectUrl, port, mockPort, settingsDir, dark, autoStart, keysDir);
  }

  public WorkbenchOptions withInMemory(boolean inMemory) {
    return new WorkbenchOptions(workspace, inMemory, connectUrl, port, mockPort, settingsDir, dark, autoStart, keysDir);
  }

  public WorkbenchOptions withPorts(int port, int mockPort) {
    return new WorkbenchOptions(workspace, inMemory, connectUrl, port, mockPort, settingsDir, dark, autoStart, keysDir);
  }

  public WorkbenchOptions withDark(Boolean dark) {
    return new WorkbenchOptions(workspace, inMemory, connectUrl, port, mockPort, settingsDir, dark, autoStart, keysDir);
  }

  public WorkbenchOptions withConnectUrl(String url) {
    return new WorkbenchOptions(workspace, inMemory, url, port, mockPort, settingsDir, dark, autoStart, keysDir);
  }
}
