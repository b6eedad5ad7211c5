package io.repstream.vision.pose;

import ai.djl.Device;
import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.Settings;
import java.util.Locale;

/**
 * The pose engine's configuration, read from a service's {@link Settings}:
 * {@code pose.model} (lightning, thunder or multipose; default lightning), {@code pose.device} (cpu, gpu or gpu:N;
 * default cpu) and {@code pose.min-score} (0..1; a pose scoring lower is reported as nobody; default 0.25).
 */
public record PoseSettings(MoveNetModel model, Device device, double minPoseScore) {
  public static final String MODEL = "pose.model";
  public static final String DEVICE = "pose.device";
  public static final String MIN_SCORE = "pose.min-score";

  public static PoseSettings from(Settings settings) {
    MoveNetModel model = MoveNetModel.parse(settings.oneOf(MODEL, "lightning", "lightning", "thunder", "multipose"));
    String deviceName = settings.string(DEVICE, "cpu").trim().toLowerCase(Locale.ROOT);
    if (!deviceName.matches("cpu|gpu(:\\d+)?")) {
      throw settings.invalid(DEVICE, deviceName, "cpu, gpu or gpu:N");
    }
    Device device = deviceName.equals("cpu") ? Device.cpu()
        : Device.gpu(deviceName.contains(":") ? Integer.parseInt(deviceName.substring(deviceName.indexOf(':') + 1)) : 0);
    double minScore = settings.decimal(MIN_SCORE, MoveNet.DEFAULT_MIN_POSE_SCORE, 0, 1);
    return new PoseSettings(model, device, minScore);
  }

  /** Loads the configured model; a clear error when the device is not available here. */
  public MoveNet load() {
    try {
      return MoveNet.load(model, device);
    } catch (ai.djl.engine.EngineException | IllegalArgumentException e) {
      throw new InvalidConfigException("cannot load MoveNet " + model + " on " + DEVICE + "=" + device + ": "
          + e.getMessage());
    }
  }
}
