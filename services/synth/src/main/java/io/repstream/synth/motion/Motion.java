package io.repstream.synth.motion;

/** A parametric movement: the pose at each point of a rep (or, for idle motions, of time). */
public interface Motion {
  PlacedPose pose(RepPoint point);
}
