package io.platformsandbox.app.traffic;

/** Where the traffic inspector's live stream stands. */
public enum StreamState {
  OFF("Not connected"),
  CONNECTING("Connecting…"),
  LIVE("Live"),
  RECONNECTING("Reconnecting…"),
  PAUSED("Paused");

  private final String label;

  StreamState(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
