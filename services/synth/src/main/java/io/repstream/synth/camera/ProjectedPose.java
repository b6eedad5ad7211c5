package io.repstream.synth.camera;

import io.repstream.synth.body.Joint;

/**
 * The 17 COCO keypoints of one frame as the camera sees them: {@code x}, {@code y} normalised to the picture
 * (0..1 from the left and top edges, as in the Pose schema), whether each is inside the picture, and whether
 * another body part hides it from the camera.
 */
public record ProjectedPose(double[] x, double[] y, boolean[] inFrame, boolean[] occluded) {
  public ProjectedPose {
    if (x.length != Joint.COCO_COUNT || y.length != Joint.COCO_COUNT || inFrame.length != Joint.COCO_COUNT
        || occluded.length != Joint.COCO_COUNT) {
      throw new IllegalArgumentException("a projected pose has " + Joint.COCO_COUNT + " keypoints");
    }
  }

  public boolean visible(int keypoint) {
    return inFrame[keypoint] && !occluded[keypoint];
  }

  /** Height of the keypoints' bounding box, as a share of the picture's height. */
  public double boxHeight() {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (double v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo;
  }

  /** Diagonal of the keypoints' bounding box in normalised units: the scale of a person in the picture. */
  public double boxDiagonal() {
    double loX = Double.MAX_VALUE;
    double hiX = -Double.MAX_VALUE;
    for (double v : x) {
      loX = Math.min(loX, v);
      hiX = Math.max(hiX, v);
    }
    return Math.hypot(hiX - loX, boxHeight());
  }
}
