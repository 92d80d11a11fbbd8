package io.platformsandbox.app;

import io.platformsandbox.app.console.ApiConsoleViewModel;
import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.FileProblems;
import io.platformsandbox.app.core.FxBackgroundExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.core.Settings;
import io.platformsandbox.app.events.EventsViewModel;
import io.platformsandbox.app.explorer.ExplorerViewModel;
import io.platformsandbox.app.http.HttpClients;
import io.platformsandbox.app.inspector.InspectorViewModel;
import io.platformsandbox.app.logs.LogBuffer;
import io.platformsandbox.app.logs.LogViewModel;
import io.platformsandbox.app.marketplace.MarketplaceViewModel;
import io.platformsandbox.app.plugins.PluginsViewModel;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.shell.ShellView;
import io.platformsandbox.app.shell.ShellViewModel;
import io.platformsandbox.app.traffic.TrafficViewModel;
import io.platformsandbox.app.webhooks.WebhooksViewModel;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the shared services (one HTTP client, one executor, one session),
 * the view models and the shell, and shows them in a stage. Tests open it in TestFX's stage.
 */
public final class Workbench {
  private static final Logger LOG = LoggerFactory.getLogger(Workbench.class);
  /** How long one long poll of the event timeline waits for an event. */
  static final int EVENTS_WAIT_SECONDS = 20;
  private static LogBuffer logBuffer;

  private final BackgroundExecutor executor;
  private final OkHttpClient http;
  private final SandboxSession session;
  private final Settings settings;
  private final ShellView shell;
  private final ShellViewModel shellModel;
  private final EventsViewModel events;
  private final TrafficViewModel traffic;
  private final ExplorerViewModel explorer;
  private final PluginsViewModel plugins;
  /** Stops the plugins when the process is ended (SIGTERM, Ctrl-C) rather than its window closed. */
  private final Thread stopPluginsOnExit;

  private Workbench(Stage stage, WorkbenchOptions options) {
    long t0 = System.nanoTime();
    settings = new Settings(options.settingsDir() == null ? Settings.defaultDir() : options.settingsDir());
    executor = new FxBackgroundExecutor();
    http = HttpClients.create();
    Notifications notifications = new Notifications();
    session = new SandboxSession(http, executor, notifications);
    Path workspace = options.workspace() != null ? options.workspace() : settings.get("workspace.last").map(Path::of).orElse(defaultWorkspace());
    EngineConfig config =
        EngineConfig.defaults()
            .withWorkspace(workspace)
            .withInMemory(options.inMemory())
            .withPort(options.port())
            .withMockPort(options.mockPort());
    shellModel = new ShellViewModel(session, executor, notifications, settings, config);
    if (options.dark() != null) {
      shellModel.darkThemeProperty().set(options.dark());
    }
    explorer = new ExplorerViewModel(session, executor, notifications);
    plugins = new PluginsViewModel(session, executor, notifications);
    stopPluginsOnExit = new Thread(plugins::stopAllBlocking, "workbench-stop-plugins");
    Runtime.getRuntime().addShutdownHook(stopPluginsOnExit);
    InspectorViewModel inspector = new InspectorViewModel();
    traffic = new TrafficViewModel(session, executor);
    traffic.start();
    ApiConsoleViewModel console = new ApiConsoleViewModel(session, executor, settings.dir().resolve("console-history.json"));
    LogViewModel log = new LogViewModel(logBuffer());
    events = new EventsViewModel(session, executor, notifications, EVENTS_WAIT_SECONDS);
    WebhooksViewModel webhooks = new WebhooksViewModel(session, executor, notifications);
    MarketplaceViewModel marketplace =
        new MarketplaceViewModel(session, plugins, executor, notifications, options.keysDir() != null ? options.keysDir() : PublisherKeys.defaultDir());
    shell = new ShellView(
        shellModel, explorer, inspector, traffic, console, log, events, webhooks, plugins, marketplace, executor, notifications, new FileProblems(), settings);
    shell.show(stage);
    long shownMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    LOG.info(
        "Main window shown {} ms after JVM start (workbench built in {} ms); epoch_ms={}",
        shownMs,
        (System.nanoTime() - t0) / 1_000_000,
        System.currentTimeMillis());
    if (options.autoStart()) {
      if (options.connectUrl() != null) {
        session.connect(options.connectUrl());
      } else {
        shellModel.start();
      }
    }
  }

  private static synchronized LogBuffer logBuffer() {
    if (logBuffer == null) {
      logBuffer = LogBuffer.install();
    }
    return logBuffer;
  }

  /** ~/platform-sandbox */
  static Path defaultWorkspace() {
    return Path.of(System.getProperty("user.home"), "platform-sandbox");
  }

  /** Builds the workbench in {@code stage} and shows it. JavaFX thread. */
  public static Workbench open(Stage stage, WorkbenchOptions options) {
    return new Workbench(stage, options);
  }

  public SandboxSession session() {
    return session;
  }

  public ShellView shell() {
    return shell;
  }

  public ShellViewModel shellModel() {
    return shellModel;
  }

  public PluginsViewModel plugins() {
    return plugins;
  }

  public ExplorerViewModel explorer() {
    return explorer;
  }

  /**
   * Saves the layout, stops the plugins, the engine and the background threads. The window's close
   * request has already stopped the plugins off the JavaFX thread; this stops any still running
   * (a close that did not come from the window) before the JVM exits.
   */
  public void close() {
    shell.saveLayout();
    settings.save();
    events.stop();
    traffic.stop();
    explorer.close();
    session.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(stopPluginsOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs (and finds nothing left to stop)
    }
    executor.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
