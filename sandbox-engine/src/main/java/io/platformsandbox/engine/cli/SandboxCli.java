package io.platformsandbox.engine.cli;

import io.platformsandbox.engine.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sandbox} command line. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    versionProvider = SandboxCli.VersionProvider.class,
    description = "Platform Sandbox: the platform's APIs, data, events and rules on your machine, offline.",
    footer = {
      "",
      "Workbench:",
      "  app       Open the desktop workbench (what ./sandbox opens when a",
      "            display is present); './sandbox app --help' lists options."
    },
    subcommands = {
      ServeCommand.class,
      RunCommand.class,
      ValidateCommand.class,
      InstallCommand.class,
      SnapshotCommand.class,
      KeysCommand.class,
      PackageCommand.class,
      VerifyCommand.class,
      PublishCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SandboxCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(Console.system(), args));
  }

  /** Runs the CLI and returns its exit code. */
  public static int run(Console console, String... args) {
    CommandLine cli = new CommandLine(new SandboxCli(), new Factory(console));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          console.error("error: " + ex.getMessage());
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Gives every sub-command the same console. */
  private record Factory(Console console) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == ServeCommand.class) {
        return cls.cast(new ServeCommand(console));
      }
      if (cls == ValidateCommand.class) {
        return cls.cast(new ValidateCommand(console));
      }
      if (cls == InstallCommand.class) {
        return cls.cast(new InstallCommand(console));
      }
      if (cls == RunCommand.class) {
        return cls.cast(new RunCommand(console));
      }
      if (cls == SnapshotCommand.Export.class) {
        return cls.cast(new SnapshotCommand.Export(console));
      }
      if (cls == SnapshotCommand.Import.class) {
        return cls.cast(new SnapshotCommand.Import(console));
      }
      if (cls == KeysCommand.Generate.class) {
        return cls.cast(new KeysCommand.Generate(console));
      }
      if (cls == KeysCommand.Show.class) {
        return cls.cast(new KeysCommand.Show(console));
      }
      if (cls == PackageCommand.class) {
        return cls.cast(new PackageCommand(console));
      }
      if (cls == VerifyCommand.class) {
        return cls.cast(new VerifyCommand(console));
      }
      if (cls == PublishCommand.class) {
        return cls.cast(new PublishCommand(console));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sandbox " + Version.current()};
    }
  }
}
