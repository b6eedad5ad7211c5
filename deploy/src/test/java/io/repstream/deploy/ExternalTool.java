package io.repstream.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A validator run as its own process (npm, node, docker-compose): exit code and everything it printed. */
record ExternalTool(int exitCode, String output) {
  private static final long TIMEOUT_MINUTES = 5;

  static ExternalTool run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    // Settings of the surrounding shell never leak into what is being checked.
    pb.environment().keySet().removeIf(name -> name.startsWith("REPSTREAM_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    // The tools print little; reading to the end before waiting cannot block on a full pipe.
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " min");
    }
    return new ExternalTool(p.exitValue(), out);
  }

  /** Fails with the tool's own words when it is not installed, naming what installs it. */
  static void require(String executable, String installedBy) throws InterruptedException {
    try {
      new ProcessBuilder(executable, "--version").redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      throw new AssertionError(executable + " is not installed; " + installedBy, e);
    }
  }
}
