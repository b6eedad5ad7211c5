package io.repstream.ingest;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's ffmpeg command-line tool run by a test as a live video server (HTTP, RTSP push, UDP) or to make
 * test videos. Output goes to a log file so a failing test can show what the server said.
 */
public final class FfmpegProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private FfmpegProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Skips the test with the reason when the ffmpeg tool is not installed (bin/setup installs it). */
  public static void assumeInstalled() {
    boolean ok;
    try {
      Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    Assumptions.assumeTrue(ok, "the ffmpeg command-line tool is not installed (bin/setup installs Debian's ffmpeg)");
  }

  public static FfmpegProcess start(Path logDir, String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning"));
    cmd.addAll(List.of(args));
    Path log = logDir.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new FfmpegProcess(p, log);
  }

  /** Runs ffmpeg to completion (making a test video); fails with its output if it fails. */
  public static void run(Path logDir, String name, String... args) throws IOException, InterruptedException {
    try (FfmpegProcess p = start(logDir, name, args)) {
      if (!p.process.waitFor(120, TimeUnit.SECONDS) || p.process.exitValue() != 0) {
        throw new IllegalStateException("ffmpeg " + String.join(" ", args) + " failed:\n" + p.output());
      }
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Kills the server at once, as a network cut would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  public static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
