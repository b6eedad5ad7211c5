package io.repstream.app;

import io.repstream.common.config.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code repstream} command: one entry point for every service, the demo and the tools. */
@Command(
    name = "repstream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Live repetition counting for online fitness classes.",
    subcommands = {DemoCommand.class, BrokerCommand.class, io.repstream.ingest.IngestCommand.class, ClassifyCommand.class,
        CountCommand.class, DashboardCommand.class, TrainCommand.class, EvalCommand.class, io.repstream.synth.SynthCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Repstream implements Runnable {
  /** Exit code for a configuration or usage error, as picocli uses for bad arguments. */
  static final int EXIT_BAD_CONFIG = 2;
  /** Help is wrapped at this width: the command descriptions are written in lines of up to about 115 characters. */
  private static final int HELP_WIDTH = 120;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Repstream());
    cli.setUsageHelpWidth(HELP_WIDTH);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof InvalidConfigException) {
        cmd.getErr().println("repstream " + cmd.getCommandName() + ": " + e.getMessage());
        return EXIT_BAD_CONFIG;
      }
      throw e;
    });
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
