package io.repstream.classifier;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import io.repstream.vision.pose.MoveNetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything {@code repstream classify} is configured with, validated at start. */
public record ClassifierConfig(
    KafkaSettings kafka,
    Topics topics,
    String groupId,
    int workers,
    int poseThreads,
    Device device,
    MoveNetModel poseModel,
    double minPoseScore,
    Optional<Path> exerciseModel,
    int batchSize,
    Duration batchMaxWait,
    List<Integer> batchShapes,
    Duration maxFrameAge,
    int maxJpegBytes,
    long maxPixels,
    int topK,
    int metricsPort) {
  public static final String DEFAULTS = "classifier-defaults.properties";
  /** DJL's name for the engine whose devices the classifier runs on. */
  private static final String PYTORCH = "PyTorch";
  /** {@code classifier.workers} for a pool sized to the machine. */
  public static final String AUTO_WORKERS = "auto";
  private static final int MAX_WORKERS = 256;
  private static final int MAX_POSE_THREADS = 256;
  private static final int MAX_BATCH = 1024;

  public static ClassifierConfig from(Settings s) {
    Topics topics = Topics.from(s);
    int poseThreads = s.integer("classifier.pose.threads", 1, 0, MAX_POSE_THREADS);
    int batch = s.integer("classifier.batch.size", 4, 1, MAX_BATCH);
    List<Integer> shapes = batchShapes(s, batch);
    String modelDir = s.string("classifier.exercise.model", "");
    Optional<Path> exerciseModel = Optional.empty();
    if (!modelDir.isBlank()) {
      Path p = Path.of(modelDir);
      if (!Files.isDirectory(p)) {
        throw s.invalid("classifier.exercise.model", modelDir, "a folder holding an exercise model (model.json and weights), or empty for pose only");
      }
      exerciseModel = Optional.of(p);
    }
    MoveNetModel pose;
    try {
      pose = MoveNetModel.parse(s.string("classifier.pose.model", "thunder"));
    } catch (IllegalArgumentException e) {
      throw s.invalid("classifier.pose.model", s.string("classifier.pose.model", ""), "lightning, thunder or multipose");
    }
    return new ClassifierConfig(
        KafkaSettings.from(s),
        topics,
        s.string("classifier.group.id", "repstream-classifier"),
        workers(s, poseThreads, topics),
        poseThreads,
        device(s),
        pose,
        s.decimal("classifier.pose.min.score", 0.25, 0, 1),
        exerciseModel,
        batch,
        s.duration("classifier.batch.max.wait", Duration.ofMillis(50), Duration.ZERO, Duration.ofSeconds(10)),
        shapes,
        s.duration("classifier.max.frame.age", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofHours(1)),
        s.integer("classifier.max.jpeg.bytes", 4 << 20, 1024, 64 << 20),
        s.integer("classifier.max.pixels", 3840 * 2160, 64 * 64, 100_000_000),
        s.integer("classifier.top.k", 3, 1, 100),
        s.integer("classifier.metrics.port", 0, 0, 65_535));
  }

  /**
   * {@code classifier.workers}: a number, or {@value #AUTO_WORKERS} for a pool sized to the machine: as many workers
   * as the cores can run at the configured PyTorch threads each (one worker per core at the default of one thread),
   * and no more than the frames topic has partitions, since a worker without a partition idles.
   */
  private static int workers(Settings s, int poseThreads, Topics topics) {
    String v = s.string("classifier.workers", AUTO_WORKERS).trim();
    if (v.equals(AUTO_WORKERS)) {
      int cores = Runtime.getRuntime().availableProcessors();
      int threadsPerWorker = poseThreads == 0 ? cores : poseThreads;
      return Math.max(1, Math.min(cores / threadsPerWorker, topics.spec(Topic.FRAMES).partitions()));
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_WORKERS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with what is expected
    }
    throw s.invalid("classifier.workers", v, AUTO_WORKERS + " or a whole number from 1 to " + MAX_WORKERS);
  }

  private static Device device(Settings s) {
    String v = s.string("classifier.device", "cpu").trim();
    try {
      return device(v);
    } catch (IllegalArgumentException e) {
      throw s.invalid("classifier.device", v, e.getMessage());
    }
  }

  /**
   * The device named {@code cpu}, {@code gpu} or {@code gpu:N}, checked against the GPUs PyTorch sees here.
   *
   * @throws IllegalArgumentException saying what is expected instead
   */
  public static Device device(String name) {
    if (name.equals("cpu")) {
      return Device.cpu();
    }
    Device gpu;
    if (name.equals("gpu")) {
      gpu = Device.gpu();
    } else if (name.matches("gpu:\\d{1,2}")) {
      gpu = Device.gpu(Integer.parseInt(name.substring(4)));
    } else {
      throw new IllegalArgumentException("cpu, gpu or gpu:N");
    }
    // Checked here, not when the first tensor lands on the device: PyTorch's own error for a missing CUDA backend is
    // a page of dispatcher tables that never names the setting.
    int visible = Engine.getEngine(PYTORCH).getGpuCount();
    if (gpu.getDeviceId() >= visible) {
      throw new IllegalArgumentException(visible == 0
          ? "cpu: PyTorch sees no GPU here (a CPU build of PyTorch, or no CUDA device visible; the GPU image is"
              + " built from deploy/docker/Dockerfile.cuda)"
          : "cpu or a GPU this machine has, gpu:0 to gpu:" + (visible - 1));
    }
    return gpu;
  }

  private static List<Integer> batchShapes(Settings s, int batch) {
    List<Integer> shapes;
    try {
      shapes = s.list("classifier.batch.shapes", List.of(1, 8, 32).stream().map(String::valueOf).toList()).stream()
          .map(Integer::parseInt).sorted().toList();
    } catch (NumberFormatException e) {
      throw s.invalid("classifier.batch.shapes", s.string("classifier.batch.shapes", ""), "whole numbers separated by commas");
    }
    if (shapes.isEmpty() || shapes.get(0) < 1 || shapes.get(shapes.size() - 1) < batch) {
      throw s.invalid("classifier.batch.shapes", s.string("classifier.batch.shapes", ""),
          "positive sizes, the largest at least classifier.batch.size (" + batch + ")");
    }
    return shapes;
  }

  /** Padding only pays where kernels are planned per shape: on a GPU. */
  public boolean padBatches() {
    return device.isGpu();
  }
}
