package io.platformsandbox.engine.plugins.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** A plugin that could not be built, started or made healthy; says why, with its last log lines. */
public final class PluginStartException extends Exception {
  private final transient List<PluginLog.Line> lastLines;
  private final Integer exitCode;

  public PluginStartException(String message, Integer exitCode, List<PluginLog.Line> lastLines) {
    super(message);
    this.exitCode = exitCode;
    this.lastLines = List.copyOf(lastLines);
  }

  /** The exit code when the process ended, else null. */
  public Integer exitCode() {
    return exitCode;
  }

  public List<PluginLog.Line> lastLines() {
    return lastLines;
  }

  /** The message followed by the last lines, indented, for a terminal. */
  public String describe() {
    if (lastLines.isEmpty()) {
      return getMessage() + " (it printed nothing)";
    }
    return getMessage() + "; last lines:\n" + lastLines.stream().map(l -> "    " + l).collect(Collectors.joining("\n"));
  }
}
