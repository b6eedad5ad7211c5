package io.repstream.counter.topology;

import io.repstream.counter.counting.BodyPoint;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Prediction;

/**
 * Refuses predictions that decoded but cannot be counted from. The answer names the field and the value, so an
 * operator reading the log knows which producer to look at.
 */
final class PredictionCheck {
  private PredictionCheck() {}

  /** What is wrong with the prediction, or null when it can be counted from. */
  static String problem(Prediction p) {
    if (p.getParticipantId() == null || p.getParticipantId().isBlank()) {
      return "participantId is empty";
    }
    if (p.getSequence() < 0) {
      return "sequence is negative (" + p.getSequence() + ")";
    }
    if (p.getCaptureTime().toEpochMilli() <= 0) {
      return "captureTime is not set (" + p.getCaptureTime() + ")";
    }
    if (p.getPose() != null && p.getPose().getKeypoints().size() != BodyPoint.KEYPOINTS) {
      return "pose has " + p.getPose().getKeypoints().size() + " keypoints, the skeleton has " + BodyPoint.KEYPOINTS;
    }
    for (LabelProbability lp : p.getExerciseProbabilities()) {
      if (!validProbability(lp.getProbability())) {
        return "exercise probability of '" + lp.getLabel() + "' is " + lp.getProbability() + ", not within 0..1";
      }
    }
    for (LabelProbability lp : p.getPhaseProbabilities()) {
      if (!validProbability(lp.getProbability())) {
        return "phase probability of '" + lp.getLabel() + "' is " + lp.getProbability() + ", not within 0..1";
      }
    }
    return null;
  }

  private static boolean validProbability(float v) {
    return v >= 0 && v <= 1;
  }
}
