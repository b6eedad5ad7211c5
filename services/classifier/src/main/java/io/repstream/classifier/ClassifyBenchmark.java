package io.repstream.classifier;

import ai.djl.Device;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.config.Settings;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.schemas.Frame;
import io.repstream.vision.bench.BenchClock;
import io.repstream.vision.bench.ClipFrames;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * {@code repstream bench classify}: frames per second and milliseconds per frame by stage (JPEG decode, pose, exercise
 * model) of the classifier's batch path, for each pose model and batch size, on JPEG frames of real clips. The path is
 * the worker's own: {@link FrameDecoder} on each frame's JPEG, then {@link FrameClassifier#classify} on the batch, with
 * one tracking crop and motion window per participant. Kafka is not involved ({@code bench count} and Kafka's own
 * tools measure it). Each batch holds one frame of each of {@code batch} participants, as when a worker serves a
 * class; there are at least {@link #MIN_PARTICIPANTS} participants, and their frames are interleaved in time order.
 * The pose and model stages are read from the classifier's own stage timers. The last line printed is a summary a
 * script can read: {@code classify model=lightning batch=8 frames_per_s=X ms_per_frame=Y ...}.
 *
 * <p>There is no peer for the whole path; the pose stage, which dominates, has its peer in {@code bench pose}. The JPEG
 * decode stage has its peer here: the JDK's JPEG reader ({@link RgbImage#decode}, what the classifier used before
 * FFmpeg) against {@link FrameDecoder} on the same frames, in alternating rounds, in thread CPU time.
 */
public final class ClassifyBenchmark {
  /** Clips (the first ones listed in clips.tsv) that the frames come from. */
  static final int CLIPS = 8;
  /** Every third decoded frame: the 10 frames per second ingest samples from 30 fps video. */
  static final int FRAME_STRIDE = 3;
  /** Frames taken from each clip: with {@link #CLIPS}, as many distinct frames as a round classifies. */
  static final int FRAMES_PER_CLIP = 8;
  /** Ingest sends frames at most this many pixels on the longer side, as JPEG of this quality. */
  static final int JPEG_LONGEST_SIDE = 640;
  static final float JPEG_QUALITY = 0.8f;
  /** Fewer participants than this would make batch 1 see only one clip. */
  static final int MIN_PARTICIPANTS = 8;
  /** Frames classified per timed round, a multiple of every default batch size. */
  static final int FRAMES_PER_ROUND = 64;
  /** The model and batch of the summary line. */
  static final MoveNetModel SUMMARY_MODEL = MoveNetModel.LIGHTNING;
  static final int SUMMARY_BATCH = 8;
  private static final String STAGE_TIMER = "repstream_classifier_stage_seconds";

  /**
   * What to measure.
   *
   * @param clipsDir the clips folder with its clips.tsv
   * @param exerciseModel the exercise and phase model folder; empty to measure poses only
   * @param models the pose models to time
   * @param batches the batch sizes to time
   * @param rounds timed rounds per figure (the median is reported)
   * @param device where DJL runs the models
   */
  public record Options(Path clipsDir, Optional<Path> exerciseModel, List<MoveNetModel> models, List<Integer> batches,
      int rounds, Device device) {
    public Options {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
      }
      if (models.isEmpty() || batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("need at least one model and positive batch sizes, got " + models + " "
            + batches);
      }
    }

    /** All three pose models at batch 1, 8 and 32, three rounds, on the CPU. */
    public static Options defaults(Path clipsDir, Optional<Path> exerciseModel) {
      return new Options(clipsDir, exerciseModel, List.of(MoveNetModel.values()), List.of(1, 8, 32), 3, Device.cpu());
    }
  }

  /**
   * One measured configuration, medians over the rounds: wall-clock milliseconds per frame of the whole path and of
   * each stage, and process CPU milliseconds per frame.
   */
  public record Result(MoveNetModel model, int batch, double msPerFrame, double decodeMs, double poseMs,
      double exerciseMs, double cpuMsPerFrame) {
    public double framesPerSecond() {
      return 1000.0 / msPerFrame;
    }
  }

  private ClassifyBenchmark() {}

  /** Runs the benchmark, printing one line per figure, a markdown table, and the summary line last. */
  public static List<Result> run(Options options, PrintStream out) {
    List<List<JpegFrame>> clips = jpegFrames(options.clipsDir());
    long frames = clips.stream().mapToLong(List::size).sum();
    out.printf(Locale.ROOT, "# %d JPEG frames (one in %d decoded, longest side %d) from %d clips of %s; exercise model %s;"
            + " device %s; OMP_WAIT_POLICY=%s; cores %d; load %.1f%n", frames, FRAME_STRIDE, JPEG_LONGEST_SIDE,
        clips.size(), options.clipsDir(), options.exerciseModel().map(Path::toString).orElse("none (poses only)"),
        options.device(), System.getenv("OMP_WAIT_POLICY"), Runtime.getRuntime().availableProcessors(), BenchClock.loadAverage());
    Optional<ExercisePhaseModel> exercise = options.exerciseModel().map(dir -> ExercisePhaseModel.load(dir,
        options.device()));
    try {
      out.println(decodeLine(compareDecoders(clips, options.rounds())));
      List<Result> results = new ArrayList<>();
      for (MoveNetModel model : options.models()) {
        try (MoveNet net = MoveNet.load(model, options.device())) {
          for (int batch : options.batches()) {
            Result r = measure(net, exercise, batch, clips, options.rounds());
            results.add(r);
            out.println(line(r));
          }
        }
      }
      out.printf(Locale.ROOT, "# load at the end %.1f%n", BenchClock.loadAverage());
      printTable(results, out);
      Result summary = results.stream()
          .filter(r -> r.model() == SUMMARY_MODEL && r.batch() == SUMMARY_BATCH)
          .findFirst().orElse(results.get(0));
      out.println(line(summary));
      return results;
    } finally {
      exercise.ifPresent(ExercisePhaseModel::close);
    }
  }

  /** The first {@link #CLIPS} clips of clips.tsv, each as {@link #FRAMES_PER_CLIP} JPEG frames the way ingest sends. */
  static List<List<JpegFrame>> jpegFrames(Path clipsDir) {
    List<String> names = ClipFrames.listedClips(clipsDir).stream().limit(CLIPS).toList();
    List<List<JpegFrame>> clips = new ArrayList<>();
    for (String name : names) {
      List<JpegFrame> jpegs = new ArrayList<>();
      for (RgbImage image : ClipFrames.sample(clipsDir.resolve(name), FRAME_STRIDE, FRAMES_PER_CLIP)) {
        jpegs.add(jpeg(image));
      }
      if (jpegs.isEmpty()) {
        throw new IllegalArgumentException("clip " + name + " in " + clipsDir + " gave no frames");
      }
      clips.add(jpegs);
    }
    return clips;
  }

  /** CPU milliseconds per frame of each JPEG decoder on the same frames: medians over alternating rounds. */
  public record DecodeComparison(int frames, double ffmpegCpuMs, double imageIoCpuMs) {}

  static DecodeComparison compareDecoders(List<List<JpegFrame>> clips, int rounds) {
    List<byte[]> jpegs = clips.stream().flatMap(List::stream).map(JpegFrame::bytes).toList();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] ffmpeg = new double[rounds];
    double[] imageIo = new double[rounds];
    long checksum = 0;
    try (FrameDecoder decoder = new FrameDecoder(Integer.MAX_VALUE, Long.MAX_VALUE)) {
      // One untimed round of each: class loading, native library loading and the JIT.
      for (byte[] jpeg : jpegs) {
        checksum += decoder.decode(jpeg).rgb()[0] + RgbImage.decode(jpeg).rgb()[0];
      }
      for (int r = 0; r < rounds; r++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (byte[] jpeg : jpegs) {
          checksum += decoder.decode(jpeg).rgb()[0];
        }
        long t1 = threads.getCurrentThreadCpuTime();
        for (byte[] jpeg : jpegs) {
          checksum += RgbImage.decode(jpeg).rgb()[0];
        }
        long t2 = threads.getCurrentThreadCpuTime();
        ffmpeg[r] = (t1 - t0) / 1e6 / jpegs.size();
        imageIo[r] = (t2 - t1) / 1e6 / jpegs.size();
      }
    }
    if (checksum == Long.MIN_VALUE) {
      throw new AssertionError("unreachable: keeps the decoded pixels alive for the JIT");
    }
    return new DecodeComparison(jpegs.size(), BenchClock.median(ffmpeg), BenchClock.median(imageIo));
  }

  static String decodeLine(DecodeComparison d) {
    return String.format(Locale.ROOT, "decode frames=%d ffmpeg_cpu_ms=%.2f imageio_cpu_ms=%.2f", d.frames(),
        d.ffmpegCpuMs(), d.imageIoCpuMs());
  }

  static Result measure(MoveNet net, Optional<ExercisePhaseModel> exercise, int batch, List<List<JpegFrame>> clips,
      int rounds) {
    ClassifierConfig config = ClassifierConfig.from(Settings.load(ClassifierConfig.DEFAULTS, null, Map.of())
        .with("classifier.batch.size", Integer.toString(batch))
        .with("classifier.batch.shapes", Integer.toString(batch)));
    MeterRegistry metrics = new SimpleMeterRegistry();
    List<Frame> stream = interleaved(clips, Math.max(batch, MIN_PARTICIPANTS));
    int perRound = Math.max(batch, FRAMES_PER_ROUND / batch * batch);
    double[] wall = new double[rounds];
    double[] decode = new double[rounds];
    double[] pose = new double[rounds];
    double[] model = new double[rounds];
    double[] cpu = new double[rounds];
    try (FrameClassifier classifier = new FrameClassifier(net, exercise, config, metrics);
        FrameDecoder decoder = new FrameDecoder(config.maxJpegBytes(), config.maxPixels())) {
      classifier.warmUp();
      Timer poseTimer = metrics.timer(STAGE_TIMER, "stage", "pose");
      Timer exerciseTimer = metrics.timer(STAGE_TIMER, "stage", "exercise");
      int next = round(classifier, decoder, stream, 0, perRound, batch).next();
      for (int r = 0; r < rounds; r++) {
        double poseBefore = poseTimer.totalTime(TimeUnit.MILLISECONDS);
        double exerciseBefore = exerciseTimer.totalTime(TimeUnit.MILLISECONDS);
        long cpuStart = BenchClock.processCpuNanos();
        long start = System.nanoTime();
        Round done = round(classifier, decoder, stream, next, perRound, batch);
        wall[r] = (System.nanoTime() - start) / 1e6 / perRound;
        cpu[r] = (BenchClock.processCpuNanos() - cpuStart) / 1e6 / perRound;
        decode[r] = done.decodeNanos() / 1e6 / perRound;
        pose[r] = (poseTimer.totalTime(TimeUnit.MILLISECONDS) - poseBefore) / perRound;
        model[r] = (exerciseTimer.totalTime(TimeUnit.MILLISECONDS) - exerciseBefore) / perRound;
        next = done.next();
      }
    }
    return new Result(net.kind(), batch, BenchClock.median(wall), BenchClock.median(decode), BenchClock.median(pose),
        BenchClock.median(model), BenchClock.median(cpu));
  }

  /** Where a round left the stream, and the nanoseconds it spent decoding JPEGs. */
  private record Round(int next, long decodeNanos) {}

  /** Decodes and classifies {@code count} frames of the stream from {@code from} on, in batches, as the worker does. */
  private static Round round(FrameClassifier classifier, FrameDecoder decoder, List<Frame> stream, int from,
      int count, int batch) {
    long decodeNanos = 0;
    int position = from;
    for (int done = 0; done < count; done += batch) {
      List<DecodedFrame> decoded = new ArrayList<>(batch);
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        Frame f = stream.get(position);
        position = (position + 1) % stream.size();
        decoded.add(new DecodedFrame(f, decoder.decode(f.getJpeg().array())));
      }
      decodeNanos += System.nanoTime() - t0;
      classifier.classify(decoded);
    }
    return new Round(position, decodeNanos);
  }

  /**
   * Frames of {@code participants} participants in time order, one frame of each per time step; participant p watches
   * clip p modulo the clip count, starting a few frames later than the participants before it on the same clip.
   */
  static List<Frame> interleaved(List<List<JpegFrame>> clips, int participants) {
    int steps = clips.stream().mapToInt(List::size).min().orElseThrow();
    List<Frame> stream = new ArrayList<>(steps * participants);
    Instant ingest = Instant.now();
    for (int step = 0; step < steps; step++) {
      for (int p = 0; p < participants; p++) {
        List<JpegFrame> clip = clips.get(p % clips.size());
        JpegFrame jpeg = clip.get((step + p / clips.size()) % steps);
        String who = "participant-" + p;
        stream.add(Frame.newBuilder().setClassId("bench").setParticipantId(who).setStreamId(who).setSequence(step)
            .setCaptureTime(Instant.EPOCH.plusMillis(100L * step)).setIngestTime(ingest).setWidth(jpeg.width())
            .setHeight(jpeg.height()).setJpeg(ByteBuffer.wrap(jpeg.bytes())).build());
      }
    }
    return stream;
  }

  /** A frame as ingest publishes it. */
  record JpegFrame(byte[] bytes, int width, int height) {}

  static JpegFrame jpeg(RgbImage image) {
    double scale = Math.min(1.0, (double) JPEG_LONGEST_SIDE / Math.max(image.width(), image.height()));
    int w = Math.max(1, (int) Math.round(image.width() * scale));
    int h = Math.max(1, (int) Math.round(image.height() * scale));
    byte[] rgb = image.rgb();
    int[] packed = new int[image.width() * image.height()];
    for (int i = 0; i < packed.length; i++) {
      packed[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff);
    }
    BufferedImage source = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    source.setRGB(0, 0, image.width(), image.height(), packed, 0, image.width());
    BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(source, 0, 0, w, h, null);
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(scaled, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a benchmark frame as JPEG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return new JpegFrame(bytes.toByteArray(), w, h);
  }

  static String line(Result r) {
    return String.format(Locale.ROOT, "classify model=%s batch=%d frames_per_s=%.1f ms_per_frame=%.2f decode_ms=%.2f"
            + " pose_ms=%.2f model_ms=%.2f cpu_ms_per_frame=%.2f", r.model().name().toLowerCase(Locale.ROOT), r.batch(),
        r.framesPerSecond(), r.msPerFrame(), r.decodeMs(), r.poseMs(), r.exerciseMs(), r.cpuMsPerFrame());
  }

  private static void printTable(List<Result> results, PrintStream out) {
    out.println();
    out.println("| pose model | batch | frames/s | ms/frame | JPEG decode ms | pose ms | exercise model ms "
        + "| CPU ms/frame |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      out.printf(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
          r.model().name().toLowerCase(Locale.ROOT), r.batch(), r.framesPerSecond(), r.msPerFrame(), r.decodeMs(),
          r.poseMs(), r.exerciseMs(), r.cpuMsPerFrame());
    }
    out.println();
  }



}
