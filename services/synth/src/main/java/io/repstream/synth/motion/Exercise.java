package io.repstream.synth.motion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Everything the mannequin can do. For alternating exercises (lunge, mountain climber, high knees) each side's
 * movement is one rep. The label is what the datasets and the classifier call the exercise.
 */
public enum Exercise {
  PUSH_UP(Mode.REPS, 2.0, PushUpMotion::new),
  SQUAT(Mode.REPS, 2.4, SquatMotion::new),
  LUNGE(Mode.REPS, 2.4, LungeMotion::new),
  JUMPING_JACK(Mode.REPS, 1.1, JumpingJackMotion::new),
  SIT_UP(Mode.REPS, 2.4, SitUpMotion::new),
  MOUNTAIN_CLIMBER(Mode.REPS, 0.8, MountainClimberMotion::new),
  HIGH_KNEES(Mode.REPS, 0.6, HighKneesMotion::new),
  GLUTE_BRIDGE(Mode.REPS, 2.4, GluteBridgeMotion::new),
  PLANK(Mode.HOLD, 0, PlankMotion::new),
  PULL_UP(Mode.REPS, 2.8, PullUpMotion::new),
  BICEPS_CURL(Mode.REPS, 2.2, BicepsCurlMotion::new),
  SHOULDER_PRESS(Mode.REPS, 2.4, ShoulderPressMotion::new),
  LATERAL_RAISE(Mode.REPS, 2.4, LateralRaiseMotion::new),
  BURPEE(Mode.REPS, 3.6, BurpeeMotion::new),
  STANDING(Mode.IDLE, 0, StandingMotion::new),
  WALKING(Mode.IDLE, 0, WalkingMotion::new),
  RESTING(Mode.IDLE, 0, RestingMotion::new);

  /** How a set of the exercise is measured. */
  public enum Mode {
    /** Counted repetitions. */
    REPS,
    /** A static position held for a time. */
    HOLD,
    /** Not an exercise: a time spent doing something else. */
    IDLE
  }

  private final Mode mode;
  private final double repSeconds;
  private final MotionFactory factory;

  Exercise(Mode mode, double repSeconds, MotionFactory factory) {
    this.mode = mode;
    this.repSeconds = repSeconds;
    this.factory = factory;
  }

  public Mode mode() {
    return mode;
  }

  /** Typical duration of one rep at a steady tempo, before random tempo changes; 0 when not counted. */
  public double repSeconds() {
    return repSeconds;
  }

  public MotionFactory factory() {
    return factory;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label such as {@code push_up} (also accepting {@code push-up} and any case). */
  public static Exercise fromLabel(String label) {
    String key = label.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Exercise e : values()) {
      if (e.name().equals(key)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown exercise '" + label + "'; known: "
        + Arrays.stream(values()).map(Exercise::label).collect(Collectors.joining(", ")));
  }
}
