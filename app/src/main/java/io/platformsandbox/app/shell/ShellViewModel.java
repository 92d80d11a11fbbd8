package io.platformsandbox.app.shell;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.core.Settings;
import io.platformsandbox.app.model.TenantInfo;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.session.SandboxStatus;
import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableList;

/**
 * The shell around the views: start and stop, workspace, connection, tenant picker, theme and
 * zoom, and the status bar's texts.
 *
 * <p>Threading: JavaFX thread.
 */
public final class ShellViewModel {
  public static final double MIN_ZOOM = 0.8;
  public static final double MAX_ZOOM = 2.0;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final Settings settings;
  private EngineConfig config;

  private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
  private final DoubleProperty zoom = new SimpleDoubleProperty(1.0);
  private final BooleanBinding live;
  private final BooleanBinding canStart;
  private final BooleanBinding canStop;
  private final StringBinding title;
  private final StringBinding statusText;
  private final StringBinding clockText;

  public ShellViewModel(SandboxSession session, BackgroundExecutor executor, Notifications notifications, Settings settings, EngineConfig config) {
    this.session = session;
    this.executor = executor;
    this.notifications = notifications;
    this.settings = settings;
    this.config = config;
    darkTheme.set(settings.getBoolean("theme.dark", false));
    zoom.set(clampZoom(settings.getDouble("zoom", 1.0)));
    darkTheme.addListener((o, a, b) -> settings.put("theme.dark", b));
    zoom.addListener((o, a, b) -> settings.put("zoom", b));
    var status = session.statusProperty();
    live = Bindings.createBooleanBinding(() -> status.get().isLive(), status);
    canStart = Bindings.createBooleanBinding(() -> status.get() == SandboxStatus.STOPPED || status.get() == SandboxStatus.FAILED, status);
    canStop = Bindings.createBooleanBinding(() -> status.get().isLive() || status.get() == SandboxStatus.FAILED, status);
    title =
        Bindings.createStringBinding(
            () -> {
              Path ws = session.workspaceProperty().get();
              String where = ws == null ? (status.get() == SandboxStatus.CONNECTED ? session.apiUrlProperty().get() : "in memory") : ws.getFileName() == null ? ws.toString() : ws.getFileName().toString();
              return "Platform Sandbox — " + where;
            },
            session.workspaceProperty(),
            status,
            session.apiUrlProperty());
    statusText =
        Bindings.createStringBinding(
            () -> {
              SandboxStatus s = status.get();
              String detail = session.statusDetailProperty().get();
              return switch (s) {
                case RUNNING -> "Sandbox running";
                case CONNECTED -> "Connected";
                case FAILED -> "Failed" + (detail.isEmpty() ? "" : ": " + detail);
                default -> s.label();
              };
            },
            status,
            session.statusDetailProperty());
    clockText =
        Bindings.createStringBinding(
            () -> {
              Instant c = session.clockProperty().get();
              if (c == null) {
                return "—";
              }
              Duration off = session.clockOffsetProperty().get();
              return CLOCK.format(c) + (off == null || Math.abs(off.getSeconds()) < 2 ? "" : " (" + offset(off) + ")");
            },
            session.clockProperty(),
            session.clockOffsetProperty());
    session.workspaceProperty().addListener((o, a, b) -> {
      if (b != null) {
        settings.put("workspace.last", b.toString());
      }
    });
  }

  static String offset(Duration d) {
    long s = d.getSeconds();
    String sign = s < 0 ? "-" : "+";
    s = Math.abs(s);
    if (s >= 86400) {
      return sign + (s / 86400) + "d" + (s % 86400 / 3600 > 0 ? " " + s % 86400 / 3600 + "h" : "");
    }
    if (s >= 3600) {
      return sign + (s / 3600) + "h" + (s % 3600 / 60 > 0 ? " " + s % 3600 / 60 + "m" : "");
    }
    if (s >= 60) {
      return sign + (s / 60) + "m";
    }
    return sign + s + "s";
  }

  public SandboxSession session() {
    return session;
  }

  public BackgroundExecutor executor() {
    return executor;
  }

  public Notifications notifications() {
    return notifications;
  }

  public EngineConfig config() {
    return config;
  }

  public BooleanProperty darkThemeProperty() {
    return darkTheme;
  }

  public DoubleProperty zoomProperty() {
    return zoom;
  }

  public BooleanBinding liveBinding() {
    return live;
  }

  public BooleanBinding canStartBinding() {
    return canStart;
  }

  public BooleanBinding canStopBinding() {
    return canStop;
  }

  public StringBinding titleBinding() {
    return title;
  }

  public StringBinding statusTextBinding() {
    return statusText;
  }

  public StringBinding clockTextBinding() {
    return clockText;
  }

  public ObservableList<TenantInfo> tenants() {
    return session.tenants();
  }

  // ---- actions -----------------------------------------------------------------------------

  /** Starts the in-process sandbox with the workbench's config. */
  public void start() {
    session.start(config);
  }

  public void stop() {
    session.stop();
  }

  /** Opens another workspace: stops the sandbox, then starts it on {@code dir}. */
  public void openWorkspace(Path dir) {
    config = config.withWorkspace(dir).withInMemory(false);
    afterStopped(this::start);
  }

  /** Leaves the in-process sandbox and connects to one already running at {@code url}. */
  public void connect(String url) {
    afterStopped(() -> session.connect(url));
  }

  private void afterStopped(Runnable next) {
    SandboxStatus s = session.status();
    if (s == SandboxStatus.STOPPED || s == SandboxStatus.FAILED) {
      next.run();
      return;
    }
    ChangeListener<SandboxStatus> once =
        new ChangeListener<>() {
          @Override
          public void changed(javafx.beans.value.ObservableValue<? extends SandboxStatus> o, SandboxStatus a, SandboxStatus b) {
            if (b == SandboxStatus.STOPPED || b == SandboxStatus.FAILED) {
              session.statusProperty().removeListener(this);
              next.run();
            }
          }
        };
    session.statusProperty().addListener(once);
    session.stop();
  }

  public void refresh() {
    session.refresh();
  }

  public void zoomIn() {
    zoom.set(clampZoom(Math.round((zoom.get() + 0.1) * 10) / 10.0));
  }

  public void zoomOut() {
    zoom.set(clampZoom(Math.round((zoom.get() - 0.1) * 10) / 10.0));
  }

  public void zoomReset() {
    zoom.set(1.0);
  }

  private static double clampZoom(double z) {
    return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
  }

  /** "100%" */
  public String zoomText() {
    return String.format(Locale.ROOT, "%d%%", Math.round(zoom.get() * 100));
  }
}
