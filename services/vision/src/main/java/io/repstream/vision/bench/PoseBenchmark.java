package io.repstream.vision.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.repstream.common.files.ScratchFolder;
import io.repstream.vision.pose.CropResizer;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * {@code repstream bench pose}: images per second and milliseconds per image of each MoveNet model at several batch
 * sizes, on real frames, beside the same model run by TF.js in Node on the WebAssembly backend (the peer) on the same
 * model inputs. Ours is timed end to end through {@link PoseEstimator} (crop-and-resize, model, decoding of poses);
 * the peer only runs the model. Rounds of ours and of the peer alternate, so both see the same machine load; each
 * figure is the median of its rounds, in wall-clock and in CPU time. The last line printed is a summary a script
 * can read: {@code pose model=lightning batch=8 ms_per_image=X peer_wasm_ms_per_image=Y speedup=Z}.
 *
 * <p>PyTorch's OpenMP threads should be started with {@code OMP_WAIT_POLICY=PASSIVE} (the launcher's job): spinning
 * threads collapse when the CPU is shared.
 */
public final class PoseBenchmark {
  /** Frames taken from each clip: decoded frame indices, spread over the first seconds of the clip. */
  static final int[] FRAME_INDICES = {30, 60, 90, 120};
  /** Clips (the first ones listed in clips.tsv) that the frames come from. */
  static final int CLIPS = 8;
  /** The batch and model of the summary line. */
  static final MoveNetModel SUMMARY_MODEL = MoveNetModel.LIGHTNING;
  static final int SUMMARY_BATCH = 8;
  private static final long PEER_TIMEOUT_MINUTES = 10;
  private static final String PYTORCH = "PyTorch";

  /**
   * What to measure.
   *
   * @param clipsDir the clips folder with its clips.tsv
   * @param peerDir the Node project of the peer (services/vision/src/test/node, after npm ci); null to skip it
   * @param models the models to time
   * @param batches the batch sizes to time
   * @param rounds timed rounds per figure (the median is reported)
   * @param device where DJL runs the models
   * @param threads PyTorch intra-op threads of the measuring thread ({@code classifier.pose.threads}); 0 keeps
   *     PyTorch's default (one per core)
   */
  public record Options(Path clipsDir, Path peerDir, List<MoveNetModel> models, List<Integer> batches, int rounds,
      Device device, int threads) {
    public Options {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be 0 (PyTorch's default) or more, got " + threads);
      }
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
      }
      if (models.isEmpty() || batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("need at least one model and positive batch sizes, got " + models + " "
            + batches);
      }
    }

    /** All three models at batch 1, 8 and 32, three rounds, on the CPU. */
    public static Options defaults(Path clipsDir, Path peerDir) {
      return new Options(clipsDir, peerDir, List.of(MoveNetModel.values()), List.of(1, 8, 32), 3, Device.cpu(), 0);
    }
  }

  /**
   * One measured configuration: wall-clock and CPU milliseconds per image, ours and the peer's (absent when the peer
   * could not run), each the median of rounds taken alternately so that both sides see the same machine load.
   */
  public record Result(MoveNetModel model, int batch, double msPerImage, double cpuMsPerImage,
      OptionalDouble peerMsPerImage, OptionalDouble peerCpuMsPerImage) {
    public double imagesPerSecond() {
      return 1000.0 / msPerImage;
    }

    public OptionalDouble speedup() {
      return peerMsPerImage.isPresent() ? OptionalDouble.of(peerMsPerImage.getAsDouble() / msPerImage)
          : OptionalDouble.empty();
    }
  }

  private PoseBenchmark() {}

  /** Command-line entry: {@code PoseBenchmark CLIPS_DIR [PEER_DIR|-]}. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: PoseBenchmark CLIPS_DIR [PEER_DIR|-]");
      System.exit(2);
    }
    Path peer = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
    run(Options.defaults(Path.of(args[0]), peer), System.out);
  }

  /** Runs the benchmark, printing one line per figure, a markdown table, and the summary line last. */
  public static List<Result> run(Options options, PrintStream out) {
    List<ClipFrames.FrameRef> refs = frameSelection(options.clipsDir());
    List<RgbImage> frames = ClipFrames.decode(options.clipsDir(), refs);
    // Loads PyTorch's native library, which the thread settings below call into.
    Engine.getEngine(PYTORCH);
    if (options.threads() > 0) {
      // Per calling thread (OpenMP), as each classifier worker sets its own: the timed rounds run on this thread.
      JniUtils.setNumThreads(options.threads());
    }
    out.printf(Locale.ROOT, "# %d frames from %d clips of %s; device %s; PyTorch intra-op threads %d; OMP_WAIT_POLICY=%s;"
        + " cores %d; load %.1f%n",
        frames.size(), CLIPS, options.clipsDir(), options.device(), JniUtils.getNumThreads(),
        System.getenv("OMP_WAIT_POLICY"), Runtime.getRuntime().availableProcessors(), BenchClock.loadAverage());
    if (!"PASSIVE".equalsIgnoreCase(String.valueOf(System.getenv("OMP_WAIT_POLICY")))) {
      out.println("# note: without OMP_WAIT_POLICY=PASSIVE, PyTorch's OpenMP threads spin and collapse when the CPU"
          + " is shared with other processes");
    }
    try (ScratchFolder scratch = ScratchFolder.create("repstream-bench-pose")) {
      Path work = scratch.path();
      PeerRunner peer = options.peerDir() == null ? null : new PeerRunner(options.peerDir(), work, frames, refs, out);
      List<Result> results = new ArrayList<>();
      for (MoveNetModel model : options.models()) {
        try (PeerProcess peerProcess = peer == null ? null : peer.start(model);
            MoveNet net = MoveNet.load(model, options.device());
            PoseEstimator estimator = net.newEstimator(0)) {
          for (int batch : options.batches()) {
            Result r = measure(model, batch, estimator, frames, peerProcess, options.rounds());
            results.add(r);
            out.println(line(r));
          }
        }
      }
      out.printf(Locale.ROOT, "# load at the end %.1f%n",
          BenchClock.loadAverage());
      printTable(results, out);
      Result summary = results.stream()
          .filter(r -> r.model() == SUMMARY_MODEL && r.batch() == SUMMARY_BATCH)
          .findFirst().orElse(results.get(0));
      out.println(line(summary));
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException("pose benchmark: " + e.getMessage(), e);
    }
  }

  /** The first {@link #CLIPS} clips listed in clips.tsv, frames {@link #FRAME_INDICES} of each. */
  static List<ClipFrames.FrameRef> frameSelection(Path clipsDir) {
    List<String> clips = ClipFrames.listedClips(clipsDir).stream().limit(CLIPS).toList();
    List<ClipFrames.FrameRef> refs = new ArrayList<>();
    for (String clip : clips) {
      for (int f : FRAME_INDICES) {
        refs.add(new ClipFrames.FrameRef(clip, f));
      }
    }
    return refs;
  }

  /**
   * Alternates rounds of ours and the peer's, after one untimed round of each; each of ours covers every frame at
   * least once.
   */
  static Result measure(MoveNetModel model, int batch, PoseEstimator estimator, List<RgbImage> frames,
      PeerProcess peer, int rounds) {
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    double[] peerWall = new double[rounds];
    double[] peerCpu = new double[rounds];
    boolean peerOk = peer != null;
    // The first pass at a batch size sets PyTorch up for its shapes and runs code the JIT has not compiled yet. Timed,
    // it inflated whichever configuration came first (lightning batch 1: 30.3 ms/image against 24.6 and 26.9 in the
    // same process right after).
    ourRound(estimator, frames, batch);
    if (peerOk) {
      peerOk = peer.round() != null;
    }
    for (int r = 0; r < rounds; r++) {
      double[] ours = ourRound(estimator, frames, batch);
      wall[r] = ours[0];
      cpu[r] = ours[1];
      if (peerOk) {
        double[] theirs = peer.round();
        peerOk = theirs != null;
        if (peerOk) {
          peerWall[r] = theirs[0];
          peerCpu[r] = theirs[1];
        }
      }
    }
    return new Result(model, batch, BenchClock.median(wall), BenchClock.median(cpu),
        peerOk ? OptionalDouble.of(BenchClock.median(peerWall)) : OptionalDouble.empty(),
        peerOk ? OptionalDouble.of(BenchClock.median(peerCpu)) : OptionalDouble.empty());
  }

  /** {wall, CPU} milliseconds per image for one pass over the frames in batches. */
  private static double[] ourRound(PoseEstimator estimator, List<RgbImage> frames, int batch) {
    int images = Math.max(frames.size(), batch);
    long cpuStart = BenchClock.processCpuNanos();
    long start = System.nanoTime();
    for (int done = 0; done < images; done += batch) {
      List<RgbImage> chunk = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        chunk.add(frames.get((done + i) % frames.size()));
      }
      estimator.estimate(chunk);
    }
    int timed = ((images + batch - 1) / batch) * batch;
    return new double[] {(System.nanoTime() - start) / 1e6 / timed,
        (BenchClock.processCpuNanos() - cpuStart) / 1e6 / timed};
  }



  static String line(Result r) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "pose model=%s batch=%d ms_per_image=%.2f",
        r.model().name().toLowerCase(Locale.ROOT), r.batch(), r.msPerImage()));
    if (r.peerMsPerImage().isPresent()) {
      s.append(String.format(Locale.ROOT, " peer_wasm_ms_per_image=%.2f speedup=%.2f", r.peerMsPerImage().getAsDouble(),
          r.speedup().getAsDouble()));
    } else {
      s.append(" peer_wasm_ms_per_image=NA speedup=NA");
    }
    return s.toString();
  }

  private static void printTable(List<Result> results, PrintStream out) {
    out.println();
    out.println("| model | batch | ms/image | images/s | CPU ms/image | TF.js wasm ms/image | TF.js CPU ms/image "
        + "| speedup (wall) |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %s | %s |%n",
          r.model().name().toLowerCase(Locale.ROOT), r.batch(), r.msPerImage(), r.imagesPerSecond(), r.cpuMsPerImage(),
          format(r.peerMsPerImage(), "%.1f"), format(r.peerCpuMsPerImage(), "%.1f"), format(r.speedup(), "%.2fx"));
    }
    out.println();
  }

  private static String format(OptionalDouble v, String pattern) {
    return v.isPresent() ? String.format(Locale.ROOT, pattern, v.getAsDouble()) : "n/a";
  }

  /** Runs peer-bench.mjs in Node over model inputs written once for all models. */
  private static final class PeerRunner {
    private final Path peerDir;
    private final Path models;
    private final Path inputs;
    private final PrintStream out;
    private final boolean ready;

    PeerRunner(Path peerDir, Path work, List<RgbImage> frames, List<ClipFrames.FrameRef> refs, PrintStream out)
        throws IOException {
      this.peerDir = peerDir.toAbsolutePath();
      this.models = work.resolve("models");
      this.inputs = work.resolve("inputs");
      this.out = out;
      this.ready = Files.isRegularFile(this.peerDir.resolve("peer-bench.mjs"))
          && Files.isDirectory(this.peerDir.resolve("node_modules/@tensorflow/tfjs-backend-wasm"));
      if (!ready) {
        out.println("# peer skipped: " + this.peerDir + " lacks peer-bench.mjs or node_modules (run npm ci there)");
        return;
      }
      Files.createDirectories(models);
      Files.createDirectories(inputs);
      for (MoveNetModel m : MoveNetModel.values()) {
        for (String ext : List.of(".json", ".bin")) {
          String name = m.fileBaseName() + ext;
          try (InputStream in = PoseBenchmark.class.getClassLoader()
              .getResourceAsStream(MoveNet.CLASSPATH_FOLDER + name)) {
            if (in == null) {
              throw new IllegalStateException(name + " is not on the classpath");
            }
            Files.copy(in, models.resolve(name));
          }
        }
      }
      StringBuilder index = new StringBuilder("[");
      int[] sizes = {MoveNetModel.LIGHTNING.inputSize(), MoveNetModel.THUNDER.inputSize()};
      for (int i = 0; i < frames.size(); i++) {
        index.append(i == 0 ? "" : ",").append("{\"id\":\"").append(refs.get(i).id()).append("\",\"inputs\":{");
        for (int s = 0; s < sizes.length; s++) {
          int[] input = CropResizer.letterboxed(frames.get(i), sizes[s]);
          byte[] bytes = new byte[input.length];
          for (int k = 0; k < input.length; k++) {
            bytes[k] = (byte) input[k];
          }
          String file = i + "_" + sizes[s] + ".rgb";
          Files.write(inputs.resolve(file), bytes);
          index.append(s == 0 ? "" : ",").append('"').append(sizes[s]).append("\":{\"file\":\"").append(file)
              .append("\"}");
        }
        index.append("}}");
      }
      Files.writeString(inputs.resolve("index.json"), index.append("]").toString(), StandardCharsets.UTF_8);
    }

    /** Starts the peer for one model, or returns null (saying why) when it cannot run. */
    PeerProcess start(MoveNetModel model) {
      if (!ready) {
        return null;
      }
      ProcessBuilder pb = new ProcessBuilder("node", "peer-bench.mjs", models.toString(), inputs.toString(),
          model.name().toLowerCase(Locale.ROOT))
          .directory(peerDir.toFile())
          .redirectErrorStream(true);
      try {
        PeerProcess p = new PeerProcess(pb.start(), model, out);
        return p.awaitReady() ? p : null;
      } catch (IOException e) {
        out.println("# peer could not run (is node on the PATH?): " + e.getMessage());
        return null;
      }
    }
  }

  /** A running peer: one line in per round, one JSON line out. */
  static final class PeerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final MoveNetModel model;
    private final PrintStream out;
    private final java.io.BufferedReader lines;
    private final java.io.Writer commands;

    PeerProcess(Process process, MoveNetModel model, PrintStream out) {
      this.process = process;
      this.model = model;
      this.out = out;
      this.lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    boolean awaitReady() {
      return readJson() != null;
    }

    /** {wall, CPU} milliseconds per image of one peer round, or null if the peer failed. */
    double[] round() {
      try {
        commands.write("round\n");
        commands.flush();
      } catch (IOException e) {
        out.println("# peer for " + model + " stopped: " + e.getMessage());
        return null;
      }
      JsonNode r = readJson();
      return r == null ? null : new double[] {r.path("ms_per_image").asDouble(), r.path("cpu_ms_per_image").asDouble()};
    }

    private JsonNode readJson() {
      try {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("{")) {
            return JSON.readTree(line);
          }
          out.println("# peer: " + line);
        }
        out.println("# peer for " + model + " ended unexpectedly");
      } catch (IOException e) {
        out.println("# peer for " + model + " failed: " + e.getMessage());
      }
      return null;
    }

    @Override
    public void close() {
      try {
        commands.write("quit\n");
        commands.close();
        if (!process.waitFor(PEER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
