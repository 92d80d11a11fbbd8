package io.platformsandbox.engine.cli;

import java.io.PrintStream;

/** Where every user-facing line of the CLI goes: results to stdout, problems to stderr. */
public final class Console {
  private final PrintStream out;
  private final PrintStream err;

  public Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static Console system() {
    return new Console(System.out, System.err);
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public void error(String text) {
    err.println(text);
    err.flush();
  }
}
