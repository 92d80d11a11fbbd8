package io.platformsandbox.app.plugins;

/** Where a plugin run is. */
public enum PluginState {
  STARTING("Starting"),
  RUNNING("Running"),
  STOPPING("Stopping"),
  /** Stopped by the workbench (SIGTERM, or a kill after the grace period). */
  STOPPED("Stopped"),
  /** Ended on its own after it was healthy: a crash, or a plugin that finished. */
  EXITED("Exited"),
  /** Did not build, start or become healthy. */
  FAILED("Did not start");

  private final String label;

  PluginState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Starting, running or stopping: a process may exist. */
  public boolean isActive() {
    return this == STARTING || this == RUNNING || this == STOPPING;
  }
}
