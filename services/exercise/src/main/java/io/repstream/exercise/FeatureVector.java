package io.repstream.exercise;

/** The model's input for one frame, as {@link MotionWindow} builds it ({@link PoseFeatures#SIZE} values). */
public record FeatureVector(float[] values) {
  public FeatureVector {
    if (values.length != PoseFeatures.SIZE) {
      throw new IllegalArgumentException("the model takes " + PoseFeatures.SIZE + " values, got " + values.length);
    }
  }
}
