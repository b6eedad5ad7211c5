package io.repstream.synth.motion;

import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/** Makes one set's motion; the random source picks that set's style (depth, stance, arm position). */
@FunctionalInterface
public interface MotionFactory {
  Motion create(Random random, ForwardKinematics body);
}
