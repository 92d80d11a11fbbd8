package io.platformsandbox.engine.records.filter;

/**
 * A filter that cannot be compiled. The message is written for the API user who typed the filter;
 * {@link #position()} says where in the filter text the problem starts.
 */
public final class FilterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int position;

  FilterException(String message, int position) {
    super(message, null, false, false);
    this.position = position;
  }

  /** Builds {@code "<what> at position <position>"}. */
  static FilterException at(String what, int position) {
    return new FilterException(what + " at position " + position, position);
  }

  /**
   * The 1-based offset, in Unicode code points, of the character of the filter text where the
   * problem starts; one past the last character when the filter ends too early.
   */
  public int position() {
    return position;
  }
}
