package io.platformsandbox.app.session;

/** Where the workbench's sandbox is. */
public enum SandboxStatus {
  STOPPED("Stopped"),
  STARTING("Starting…"),
  RUNNING("Running"),
  CONNECTED("Connected"),
  STOPPING("Stopping…"),
  FAILED("Failed");

  private final String label;

  SandboxStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Running in-process or connected to a running {@code sandbox serve}. */
  public boolean isLive() {
    return this == RUNNING || this == CONNECTED;
  }
}
