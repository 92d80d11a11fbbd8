package io.platformsandbox.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: opens one {@link Workbench} in the primary stage. */
public final class WorkbenchApplication extends Application {
  private static volatile WorkbenchOptions options = WorkbenchOptions.defaults();
  private Workbench workbench;

  /** Launches JavaFX with these options; returns when the window closes. */
  static void launchWith(WorkbenchOptions opts) {
    options = opts;
    Application.launch(WorkbenchApplication.class);
  }

  @Override
  public void start(Stage stage) {
    workbench = Workbench.open(stage, options);
    workbench.shell().setBrowser(getHostServices()::showDocument);
  }

  @Override
  public void stop() {
    if (workbench != null) {
      workbench.close();
    }
  }
}
