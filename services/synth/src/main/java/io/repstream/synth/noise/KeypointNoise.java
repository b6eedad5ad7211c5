package io.repstream.synth.noise;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * How a pose estimator errs, by named parameters. Positions are in units of the person's size in the picture
 * (the diagonal of the keypoints' box), so the same model fits near and far people.
 *
 * @param jitter standard deviation of a visible keypoint's position error
 * @param jitterSmoothing frame-to-frame correlation of the error (0 = independent, near 1 = slow drift)
 * @param extremityFactor how much larger the error is at wrists, ankles and elbows
 * @param occludedFactor how much larger the error is for keypoints hidden by the body
 * @param dropRate chance per keypoint and frame that the estimator loses the keypoint
 * @param dropFrames mean length of such a loss, frames (the keypoint drifts off with a low score)
 * @param swapRate chance per frame that a limb's left and right keypoints are swapped
 * @param swapFrames mean length of a swap, frames
 * @param visibleScore mean score of a visible keypoint
 * @param occludedScore mean score of a hidden keypoint
 * @param scoreSpread standard deviation of scores around their mean
 * @param lowScoreRate chance per keypoint and frame of a low score although the keypoint is right
 */
public record KeypointNoise(double jitter, double jitterSmoothing, double extremityFactor, double occludedFactor,
    double dropRate, double dropFrames, double swapRate, double swapFrames, double visibleScore,
    double occludedScore, double scoreSpread, double lowScoreRate) {

  /**
   * Fitted to MoveNet Lightning on three real clips (trutadan_squat, jrplatin_dumbbellcurl, sumukh_lateralraise;
   * 60 frames each, with the classifier's crop tracking): the median frame-to-frame jitter of torso keypoints,
   * measured as the second difference over the pose box diagonal, was 0.0020 and this model gives the same;
   * wrists, elbows and ankles jittered 1.6 to 2.3 times as much; scores averaged 0.66 with 8% below 0.3.
   * Losses and swaps are rare events that three short clips cannot pin down; their rates are estimates.
   */
  public static final KeypointNoise MOVENET_LIKE =
      new KeypointNoise(0.0024, 0.6, 1.8, 2.5, 0.003, 6, 0.002, 5, 0.72, 0.35, 0.12, 0.02);

  /** No noise at all: keypoints where they truly are, score 1 when visible, 0.5 when hidden. */
  public static final KeypointNoise NONE = new KeypointNoise(0, 0, 1, 1, 0, 1, 0, 1, 1, 0.5, 0, 0);

  public KeypointNoise {
    check("jitter", jitter, 0, 1);
    check("jitterSmoothing", jitterSmoothing, 0, 0.999);
    check("dropRate", dropRate, 0, 1);
    check("swapRate", swapRate, 0, 1);
    check("lowScoreRate", lowScoreRate, 0, 1);
    check("visibleScore", visibleScore, 0, 1);
    check("occludedScore", occludedScore, 0, 1);
    check("dropFrames", dropFrames, 1, 10_000);
    check("swapFrames", swapFrames, 1, 10_000);
  }

  private static void check(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException("noise parameter " + name + " must be in [" + min + ", " + max + "], got " + value);
    }
  }

  /**
   * This model with some parameters changed, given as {@code name=value} pairs separated by commas, e.g.
   * {@code jitter=0.02,swapRate=0}.
   */
  public KeypointNoise with(String overrides) {
    RecordComponent[] components = KeypointNoise.class.getRecordComponents();
    double[] values = new double[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = (double) components[i].getAccessor().invoke(this);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read noise parameters", e);
    }
    for (String pair : overrides.split(",")) {
      String item = pair.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String name = eq < 0 ? item : item.substring(0, eq).trim();
      int index = -1;
      for (int i = 0; i < components.length; i++) {
        if (components[i].getName().equals(name)) {
          index = i;
        }
      }
      if (eq < 0 || index < 0) {
        throw new IllegalArgumentException("noise setting '" + item + "' must be name=value with a name among "
            + Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", ")));
      }
      try {
        values[index] = Double.parseDouble(item.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("noise setting '" + item + "' has a bad number");
      }
    }
    return new KeypointNoise(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
        values[8], values[9], values[10], values[11]);
  }

  /** A noise process for one sequence; it carries errors, losses and swaps from frame to frame. */
  public NoisyKeypoints start(Random random) {
    return new NoisyKeypoints(this, random);
  }
}
