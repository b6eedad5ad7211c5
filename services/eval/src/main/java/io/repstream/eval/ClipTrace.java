package io.repstream.eval;

import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything the pipeline said about one clip's participant, collected from the topics. Guarded by its owner. */
final class ClipTrace {
  /**
   * One prediction reduced to what the timeline draws: the phase signal, and the height of the body's centre
   * (mean of its confident keypoints, 0 top of frame to 1 bottom), which shows the motion even without phases.
   */
  record Point(long captureMillis, Phase phase, float bottomProbability, boolean person, float centreY) {}

  /** Keypoints below this score do not move the body's centre. */
  private static final float MIN_KEYPOINT_SCORE = 0.3f;

  private final List<Point> points = new ArrayList<>();
  private final List<Prediction> predictions = new ArrayList<>();
  private final Set<Long> sequences = new HashSet<>();
  private final List<RepEvent> reps = new ArrayList<>();
  private long lastCaptureMillis = Long.MIN_VALUE;
  private ParticipantStatus status;

  synchronized void prediction(Prediction p) {
    if (!sequences.add(p.getSequence())) {
      return;
    }
    predictions.add(p);
    float bottom = p.getPhaseProbabilities().stream().filter(l -> l.getLabel().equals(Phase.BOTTOM.name()))
        .map(l -> l.getProbability()).findFirst().orElse(p.getPhase() == Phase.BOTTOM ? 1f : 0f);
    float centre = Float.NaN;
    if (p.getPose() != null) {
      double sum = 0;
      int n = 0;
      for (var k : p.getPose().getKeypoints()) {
        if (k.getScore() >= MIN_KEYPOINT_SCORE) {
          sum += k.getY();
          n++;
        }
      }
      centre = n == 0 ? Float.NaN : (float) (sum / n);
    }
    points.add(new Point(p.getCaptureTime().toEpochMilli(), p.getPhase(), bottom, p.getPose() != null, centre));
    lastCaptureMillis = Math.max(lastCaptureMillis, p.getCaptureTime().toEpochMilli());
  }

  synchronized void rep(RepEvent e) {
    reps.add(e);
  }

  synchronized void status(ParticipantStatus s) {
    status = s;
  }

  synchronized long predictions() {
    return sequences.size();
  }

  /** The counter has seen every prediction and declared the stream over, so nothing is still buffered. */
  synchronized boolean settled(long framesPublished) {
    return sequences.size() >= framesPublished && status != null && status.getState() == ParticipantState.STREAM_DOWN
        && status.getLastEventTime().toEpochMilli() >= lastCaptureMillis;
  }

  /** Counted reps per exercise, as the counter's latest status has them. */
  synchronized Map<String, Integer> counted() {
    return status == null ? Map.of() : Map.copyOf(status.getRepsByExercise());
  }

  synchronized List<Point> points() {
    List<Point> copy = new ArrayList<>(points);
    copy.sort((a, b) -> Long.compare(a.captureMillis(), b.captureMillis()));
    return copy;
  }

  synchronized List<Prediction> rawPredictions() {
    return List.copyOf(predictions);
  }

  synchronized List<RepEvent> reps() {
    return List.copyOf(reps);
  }

}
