package io.platformsandbox.app;

import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox app}: the JavaFX workbench around an in-process sandbox (or a running one). */
@Command(
    name = "app",
    description = "Open the workbench: the desktop IDE around a live sandbox (the default when a display is present).")
final class AppCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder (default: the last one used, or ~/platform-sandbox).")
  Path workspace;

  @Option(names = "--in-memory", description = "Run the sandbox in memory; write nothing.")
  boolean inMemory;

  @Option(names = "--connect", paramLabel = "URL", description = "Connect to a running 'sandbox serve' (e.g. http://127.0.0.1:8787) instead of starting one.")
  String connect;

  @Option(names = "--port", paramLabel = "N", description = "Platform API port; 0 picks a free one (default: ${DEFAULT-VALUE}; a taken port is swapped for a free one).")
  int port = EngineConfig.DEFAULT_PORT;

  @Option(names = "--mock-port", paramLabel = "M", description = "Mock APIs port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int mockPort = EngineConfig.DEFAULT_MOCK_PORT;

  @Option(names = "--no-mocks", description = "Start the sandbox without the mock APIs (starts faster).")
  boolean noMocks;

  @Option(names = "--dark", description = "Start in the dark theme.")
  boolean dark;

  @Option(names = "--keys-dir", paramLabel = "DIR", description = "Publisher keys folder for Package and Publish (default: $PLATFORM_SANDBOX_KEYS or ~/.platform-sandbox/keys).")
  Path keysDir;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535 || mockPort < 0 || mockPort > 65535) {
      System.err.println("error: ports must be from 0 to 65535");
      return 2;
    }
    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
        && blank(System.getenv("DISPLAY"))
        && blank(System.getenv("WAYLAND_DISPLAY"))
        && !Boolean.getBoolean("testfx.headless")) {
      System.err.println("error: the workbench needs a display (DISPLAY or WAYLAND_DISPLAY is not set); 'sandbox serve' runs the sandbox headless");
      return 1;
    }
    WorkbenchOptions options =
        new WorkbenchOptions(workspace, inMemory, connect, port, noMocks ? -1 : mockPort, null, dark ? Boolean.TRUE : null, true, keysDir);
    WorkbenchApplication.launchWith(options);
    return 0;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
