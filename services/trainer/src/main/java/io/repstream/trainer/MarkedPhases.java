package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import io.repstream.synth.motion.PhaseThresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Phase labels for a clip whose source marked where each rep ended. A rep runs from the mark before it to its own
 * mark (the first rep from as long before its mark as the second rep lasted). The body is at the start position
 * (TOP) at both marks; the frame furthest from there along the clip's main direction of motion
 * ({@link MotionPhases#positions}) is the rep's far end (BOTTOM), and every frame between gets its depth between
 * the two, labelled with the synthetic workouts' thresholds. The marks say where the reps are, so unlike
 * {@link MotionPhases} no cycle count has to agree: each rep is scaled to its own depth, shallow or deep. A rep
 * that moves less than {@link #MIN_SHARE_OF_TYPICAL_REP} of the clip's median rep is not believed (a mark on a
 * pause, or poses lost), and its frames, like those before the first rep and after the last, get no phase.
 */
public final class MarkedPhases {
  /** A rep that moves less than this share of the clip's median rep gets no phases. */
  static final double MIN_SHARE_OF_TYPICAL_REP = 0.3;
  /** Posed frames a rep needs for a top, a far end and a way between. */
  static final int MIN_POSED_FRAMES_PER_REP = 3;

  private MarkedPhases() {}

  /**
   * The phase name of each sampled frame (null where it has none), or empty when no rep has enough posed frames.
   *
   * @param marks seconds from the clip's start at which each rep ended, in order
   */
  public static Optional<List<String>> label(List<ClipPoses.SampledFrame> frames, List<Double> marks) {
    List<Optional<PoseInput>> poses = frames.stream().map(ClipPoses.SampledFrame::pose).toList();
    List<Integer> posed = MotionPhases.posedIndices(poses);
    if (posed.size() < MIN_POSED_FRAMES_PER_REP || marks.isEmpty()) {
      return Optional.empty();
    }
    double[] position = MotionPhases.positions(poses, posed);
    double[] seconds = posed.stream().mapToDouble(i -> frames.get(i).seconds()).toArray();

    List<Rep> reps = new ArrayList<>();
    for (int r = 0; r < marks.size(); r++) {
      double end = marks.get(r);
      double start = r > 0 ? marks.get(r - 1) : marks.size() > 1 ? Math.max(0, end - (marks.get(1) - end)) : 0;
      rep(position, seconds, start, end).ifPresent(reps::add);
    }
    if (reps.isEmpty()) {
      return Optional.empty();
    }
    double[] amplitudes = reps.stream().mapToDouble(Rep::amplitude).sorted().toArray();
    double typical = amplitudes[amplitudes.length / 2];
    String[] byFrame = new String[frames.size()];
    for (Rep rep : reps) {
      if (rep.amplitude() < MIN_SHARE_OF_TYPICAL_REP * typical) {
        continue;
      }
      for (int k = rep.first(); k <= rep.last(); k++) {
        double depth = (position[k] - rep.top()) / (rep.far() - rep.top());
        byFrame[posed.get(k)] = PhaseThresholds.of(Math.max(0, Math.min(1, depth))).name();
      }
    }
    return Optional.of(Arrays.asList(byFrame));
  }

  /** A rep over posed frames {@code first..last}: its start position, its far end, and how far apart they are. */
  private record Rep(int first, int last, double top, double far) {
    double amplitude() {
      return Math.abs(far - top);
    }
  }

  private static Optional<Rep> rep(double[] position, double[] seconds, double start, double end) {
    int first = -1;
    int last = -1;
    for (int k = 0; k < seconds.length; k++) {
      if (seconds[k] >= start && seconds[k] <= end) {
        first = first < 0 ? k : first;
        last = k;
      }
    }
    if (first < 0 || last - first + 1 < MIN_POSED_FRAMES_PER_REP) {
      return Optional.empty();
    }
    double top = (position[first] + position[last]) / 2;
    double far = top;
    for (int k = first; k <= last; k++) {
      if (Math.abs(position[k] - top) > Math.abs(far - top)) {
        far = position[k];
      }
    }
    return far == top ? Optional.empty() : Optional.of(new Rep(first, last, top, far));
  }
}
