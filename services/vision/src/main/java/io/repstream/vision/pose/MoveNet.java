package io.repstream.vision.pose;

import ai.djl.Device;
import ai.djl.Model;
import io.repstream.vision.tfjs.TfjsGraphModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A loaded MoveNet model on one device. Thread-safe and meant to be shared; each thread that estimates poses takes
 * its own {@link PoseEstimator} from {@link #newEstimator}.
 */
public final class MoveNet implements AutoCloseable {
  /** TF.js MoveNet's default: a single-person pose whose mean keypoint score is lower is reported as nobody. */
  public static final double DEFAULT_MIN_POSE_SCORE = 0.25;
  /** Where the build puts the model files on the classpath. */
  public static final String CLASSPATH_FOLDER = "movenet/";
  private static final String ENGINE = "PyTorch";

  private final MoveNetModel kind;
  private final Model model;

  private MoveNet(MoveNetModel kind, Model model) {
    this.kind = kind;
    this.model = model;
  }

  /** Loads the model from the files the build placed on the classpath. */
  public static MoveNet load(MoveNetModel kind, Device device) {
    String base = CLASSPATH_FOLDER + kind.fileBaseName();
    return load(kind, device, readResource(base + ".json"), readResource(base + ".bin"));
  }

  /** Loads the model from {@code <dir>/movenet-<kind>.json} and {@code .bin}. */
  public static MoveNet load(MoveNetModel kind, Device device, Path dir) {
    try {
      return load(kind, device, Files.readAllBytes(dir.resolve(kind.fileBaseName() + ".json")),
          Files.readAllBytes(dir.resolve(kind.fileBaseName() + ".bin")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MoveNet " + kind + " from " + dir + ": " + e.getMessage(), e);
    }
  }

  private static MoveNet load(MoveNetModel kind, Device device, byte[] json, byte[] weights) {
    Model model = Model.newInstance(kind.fileBaseName(), device, ENGINE);
    try {
      TfjsGraphModel graph = TfjsGraphModel.load(kind.fileBaseName(), json, ByteBuffer.wrap(weights),
          model.getNDManager().newSubManager());
      model.setBlock(new MoveNetBlock(graph, kind));
      return new MoveNet(kind, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static byte[] readResource(String name) {
    try (InputStream in = MoveNet.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("MoveNet file " + name + " is not on the classpath; the vision module's build "
            + "fetches it (mvn generate-resources in services/vision)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  public MoveNetModel kind() {
    return kind;
  }

  public Device device() {
    return model.getNDManager().getDevice();
  }

  /** A new estimator for the calling thread, reporting poses scoring at least {@code minPoseScore}. */
  public PoseEstimator newEstimator(double minPoseScore) {
    return new PoseEstimator(kind, minPoseScore, model.newPredictor(new MoveNetTranslator(kind)));
  }

  public PoseEstimator newEstimator() {
    return newEstimator(DEFAULT_MIN_POSE_SCORE);
  }

  @Override
  public void close() {
    model.close();
  }
}
