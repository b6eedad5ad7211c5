package io.repstream.synth.motion;

/** One set of a workout script: {@code reps} counted reps, or {@code seconds} of a hold or idle activity. */
public record SetPlan(Exercise exercise, int reps, double seconds) {
  public SetPlan {
    if (exercise.mode() == Exercise.Mode.REPS && reps < 1) {
      throw new IllegalArgumentException(exercise.label() + " needs at least 1 rep, got " + reps);
    }
    if (exercise.mode() != Exercise.Mode.REPS && !(seconds > 0)) {
      throw new IllegalArgumentException(exercise.label() + " needs a duration in seconds, got " + seconds);
    }
  }

  public static SetPlan reps(Exercise exercise, int reps) {
    return new SetPlan(exercise, reps, 0);
  }

  public static SetPlan seconds(Exercise exercise, double seconds) {
    return new SetPlan(exercise, 0, seconds);
  }

  /** {@code squat:12}, {@code plank:30s}, {@code resting:5s}. */
  @Override
  public String toString() {
    return exercise.label() + ":" + (exercise.mode() == Exercise.Mode.REPS ? Integer.toString(reps) : fmt(seconds) + "s");
  }

  private static String fmt(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }
}
