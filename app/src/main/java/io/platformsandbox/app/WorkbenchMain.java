package io.platformsandbox.app;

import io.platformsandbox.engine.cli.Console;
import io.platformsandbox.engine.cli.SandboxCli;
import picocli.CommandLine;

/**
 * The launcher's entry point. Deliberately not a {@code javafx.application.Application}: with
 * JavaFX on the class path such a main class fails with "JavaFX runtime components are missing".
 *
 * <p>{@code app} (and no arguments at all when a display is present) opens the workbench; every
 * other command line goes to the engine's CLI unchanged.
 */
public final class WorkbenchMain {
  private WorkbenchMain() {}

  public static void main(String[] args) {
    if (wantsWorkbench(args, System.getenv())) {
      String[] rest = args.length == 0 ? new String[0] : java.util.Arrays.copyOfRange(args, 1, args.length);
      int code = new CommandLine(new AppCommand()).setCommandName("sandbox app").execute(rest);
      System.exit(code);
    }
    System.exit(SandboxCli.run(Console.system(), args));
  }

  static boolean wantsWorkbench(String[] args, java.util.Map<String, String> env) {
    if (args.length > 0) {
      return args[0].equals("app");
    }
    return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
