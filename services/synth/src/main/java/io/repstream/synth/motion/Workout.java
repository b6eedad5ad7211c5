package io.repstream.synth.motion;

import io.repstream.schemas.RepKind;
import io.repstream.synth.body.BodyProportions;
import java.util.List;

/** A generated workout: the person, the script it followed, and the truth of every frame and every rep. */
public record Workout(WorkoutScript script, BodyProportions body, double fps, List<FrameTruth> frames,
    List<RepTruth> reps) {

  public Workout {
    frames = List.copyOf(frames);
    reps = List.copyOf(reps);
  }

  public double seconds() {
    return frames.size() / fps;
  }

  /** Counted reps of one set. */
  public long countedReps(int set) {
    return reps.stream().filter(r -> r.set() == set && r.kind() == RepKind.COUNTED).count();
  }
}
