package io.repstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RepstreamTest {
  @Test
  void everySubcommandHasHelp() {
    assertThat(Repstream.commandLine().getSubcommands()).containsKey("broker");
    for (String name : Repstream.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandLine cli = Repstream.commandLine();
      StringWriter out = new StringWriter();
      cli.setOut(new PrintWriter(out, true));
      assertThat(cli.execute(name, "--help")).as(name).isZero();
      assertThat(out.toString()).as(name).contains("Usage: repstream " + name);
    }
  }

  @Test
  void badPortIsAConfigErrorNotACrash() {
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("broker", "--port", "70000")).isEqualTo(Repstream.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("--port").contains("70000").contains("from 1 to 65535");
  }

  @Test
  void nonNumericPortIsRefusedByTheParser() {
    CommandLine cli = Repstream.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute("broker", "--port", "ninety")).isEqualTo(CommandLine.ExitCode.USAGE);
  }
}
