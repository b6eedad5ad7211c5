package io.repstream.counter.counting;

import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.catalogue.ExerciseProfile;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Phase;
import io.repstream.schemas.RepKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Counts repetitions from a participant's smoothed phase: TOP, then away from the top (MOVING, BOTTOM), then TOP
 * again is one repetition. A majority of the last three frames decides each frame's phase, so a lone mislabelled
 * frame is never seen (this costs one frame of delay, the same at the start and end of a rep), and a phase is
 * believed only after it has lasted the exercise's minimum dwell. A cycle is
 * COUNTED when it went deep enough within the exercise's rep-duration bounds: to the bottom (BOTTOM believed, or a
 * depth of {@link #BOTTOM_DEPTH}) until the participant has done a full rep, and from then on to the exercise's
 * minimum share of their fullest rep's depth;
 * PARTIAL when it turned back before the bottom, TRANSITION when the exercise changed during it (unless the rep began
 * before any exercise was named: then the vote was still settling on a name); cycles too short or too long to be a
 * repetition are dropped.
 */
public final class PhaseStateMachine {
  private enum Stage { WAITING_FOR_TOP, AT_TOP, IN_REP }

  /**
   * A rep whose depth signal reached this went to the bottom, even if BOTTOM was never believed: half the model's
   * belief on the bottom and the rest on moving. At 10 frames a second the bottom of a brisk squat lasts a frame
   * or two, which the majority vote and the dwell take for noise, and a model taught from real movement spreads
   * such a turning point between BOTTOM and MOVING.
   */
  static final double BOTTOM_DEPTH = 0.75;
  /** No frame yet in the majority window (UNKNOWN frames never enter it). */
  private static final Phase UNSET = Phase.UNKNOWN;

  private Stage stage = Stage.WAITING_FOR_TOP;
  private Phase confirmed = Phase.UNKNOWN;
  private Phase candidate = Phase.UNKNOWN;
  private long candidateSince;
  private long lastObserved = Long.MIN_VALUE;
  private Phase previous = UNSET;
  private Phase beforePrevious = UNSET;
  private long repStart;
  /** When the top this repetition started from began: a rep's cycle runs from there to the next top. */
  private long topSince;
  private boolean reachedBottom;
  private boolean transition;
  /**
   * The rep in progress began while no exercise was named; outside a rep, no exercise was named when the candidate
   * phase began (a rep it starts is dated from then). A vote that names one exercise during such a rep and then
   * another is still settling on the name of what the participant started doing, not reporting a change of exercise.
   */
  private boolean startedUnnamed;
  /** Deepest frame of the rep in progress; outside a rep, deepest since the candidate phase began (a rep may start there). */
  private double peakDepth;
  private double confidenceSum;
  private int frames;
  /** Deepest peak of a full repetition of the current exercise: the reference for range of motion. */
  private double fullestDepth;

  /**
   * One frame.
   *
   * @param phase the hysteresis-smoothed phase of this frame
   * @param depth 0 (top) to 1 (bottom), this frame's distance from the start position
   * @param confidence 0..1, the label confidence of this frame
   * @param maxGapMillis a longer hole since the previous frame abandons the repetition in progress
   * @return the repetition this frame completed, or null
   */
  public Repetition observe(Phase phase, double depth, double confidence, long time, ExerciseProfile profile,
      long maxGapMillis) {
    if (lastObserved != Long.MIN_VALUE && time - lastObserved > maxGapMillis) {
      interrupt();
    }
    lastObserved = time;
    if (stage == Stage.IN_REP) {
      peakDepth = Math.max(peakDepth, depth);
      confidenceSum += confidence;
      frames++;
    }
    if (phase == Phase.UNKNOWN || phase == Phase.HOLD) {
      return null;
    }
    Phase voted = majority(beforePrevious, previous, phase);
    beforePrevious = previous;
    previous = phase;
    phase = voted;
    if (phase != candidate) {
      candidate = phase;
      candidateSince = time;
      if (stage != Stage.IN_REP) {
        peakDepth = depth;
        startedUnnamed = profile.name().equals(ExerciseCatalogue.UNRECOGNISED);
      }
    } else if (stage != Stage.IN_REP) {
      // A rep is dated from when its first phase began, so its depth counts from then too: at 10 frames a second
      // the dwell and the vote can hold a short bottom back until the body is on its way up again.
      peakDepth = Math.max(peakDepth, depth);
    }
    if (candidate == confirmed || time - candidateSince < profile.minPhaseDwell().toMillis()) {
      return null;
    }
    confirmed = candidate;
    if (confirmed == Phase.TOP) {
      Repetition done = stage == Stage.IN_REP ? finish(candidateSince, profile) : null;
      stage = Stage.AT_TOP;
      topSince = candidateSince;
      return done;
    }
    if (stage == Stage.AT_TOP) {
      stage = Stage.IN_REP;
      repStart = candidateSince;
      reachedBottom = false;
      transition = false;
      confidenceSum = confidence;
      frames = 1;
    }
    if (confirmed == Phase.BOTTOM && stage == Stage.IN_REP) {
      reachedBottom = true;
    }
    return null;
  }

  /** The phase seen in at least two of three frames; with no majority, the middle one (no change is forced). */
  private static Phase majority(Phase a, Phase b, Phase c) {
    if (a == UNSET || b == UNSET) {
      return c;
    }
    return a == c ? a : b;
  }

  private Repetition finish(long end, ExerciseProfile profile) {
    long duration = end - repStart;
    // The fastest a person can go is a bound on the whole cycle, top to top. The time away from the top alone can
    // be far shorter in a brisk set (a pull-up spends half its cycle hanging at the top), and a long rest at the
    // top before a rep is no reason to drop it, so the slowest is a bound on the time away from the top.
    if (end - topSince < profile.minRep().toMillis() || duration > profile.maxRep().toMillis()) {
      return null;
    }
    double reference = fullestDepth > 0 ? fullestDepth : 1.0;
    double rom = Math.min(1.0, peakDepth / reference);
    // Until this participant has shown a full rep, only the model's word (BOTTOM, or its depth signal) says a rep
    // went to the bottom. After one, the rep is held to the exercise's share of that rep's depth: on a real body the
    // model's belief may never reach the bottom's full strength (a sit-up's BOTTOM rarely passes 0.5) while its
    // depth signal still rises to the same level rep after rep.
    boolean deepEnough = fullestDepth > 0 ? rom >= profile.minRangeOfMotion() : reachedBottom || peakDepth >= BOTTOM_DEPTH;
    RepKind kind;
    if (transition) {
      kind = RepKind.TRANSITION;
    } else if (!deepEnough) {
      kind = RepKind.PARTIAL;
    } else {
      kind = RepKind.COUNTED;
      fullestDepth = Math.max(fullestDepth, peakDepth);
    }
    double confidence = frames == 0 ? 0 : confidenceSum / frames;
    return new Repetition(kind, CountMethod.EXERCISE_PHASES, profile.name(), repStart, end, rom, confidence);
  }

  /**
   * No frame will follow (the stream ended). A rep whose return to the top the vote already saw, in fewer frames
   * than the dwell asks for, is finished: the dwell waits for frames that could contradict the top, and none can
   * come. A top seen in a single frame is still not believed. Returns that rep, or null.
   */
  public Repetition streamEnded(ExerciseProfile profile) {
    if (stage != Stage.IN_REP || candidate != Phase.TOP) {
      return null;
    }
    Repetition done = finish(candidateSince, profile);
    confirmed = Phase.TOP;
    stage = Stage.AT_TOP;
    topSince = candidateSince;
    return done;
  }

  /**
   * The exercise changed: a repetition in progress belongs to neither (unless it began unnamed), and depth is judged
   * afresh.
   */
  public void exerciseChanged() {
    if (stage == Stage.IN_REP && !startedUnnamed) {
      transition = true;
    }
    fullestDepth = 0;
  }

  /** Frames went missing or the person vanished: what was in progress cannot be judged, wait for the top again. */
  public void interrupt() {
    stage = Stage.WAITING_FOR_TOP;
    confirmed = Phase.UNKNOWN;
    candidate = Phase.UNKNOWN;
    previous = UNSET;
    beforePrevious = UNSET;
  }

  /** The phase last believed, for the status. */
  public Phase phase() {
    return confirmed;
  }

  public void write(DataOutput out) throws IOException {
    out.writeByte(stage.ordinal());
    out.writeByte(confirmed.ordinal());
    out.writeByte(candidate.ordinal());
    out.writeByte(previous.ordinal());
    out.writeByte(beforePrevious.ordinal());
    out.writeLong(candidateSince);
    out.writeLong(lastObserved);
    out.writeLong(repStart);
    out.writeLong(topSince);
    out.writeBoolean(reachedBottom);
    out.writeBoolean(transition);
    out.writeBoolean(startedUnnamed);
    out.writeDouble(peakDepth);
    out.writeDouble(confidenceSum);
    out.writeInt(frames);
    out.writeDouble(fullestDepth);
  }

  /** The forms {@link #read} knows, oldest first. */
  public enum StoredForm {
    /** Without the top's start: a repetition then measures from when it left the top, as that form's machine did. */
    BEFORE_TOP_SINCE,
    /** Without whether the rep began unnamed: such a rep is taken as begun under a name, as that form's machine did. */
    BEFORE_STARTED_UNNAMED,
    CURRENT
  }

  /** Reads what {@link #write} wrote, or an older form of it. */
  public void read(DataInput in, StoredForm form) throws IOException {
    stage = Stage.values()[in.readByte()];
    confirmed = Phase.values()[in.readByte()];
    candidate = Phase.values()[in.readByte()];
    previous = Phase.values()[in.readByte()];
    beforePrevious = Phase.values()[in.readByte()];
    candidateSince = in.readLong();
    lastObserved = in.readLong();
    repStart = in.readLong();
    topSince = form == StoredForm.BEFORE_TOP_SINCE ? repStart : in.readLong();
    reachedBottom = in.readBoolean();
    transition = in.readBoolean();
    startedUnnamed = form == StoredForm.CURRENT && in.readBoolean();
    peakDepth = in.readDouble();
    confidenceSum = in.readDouble();
    frames = in.readInt();
    fullestDepth = in.readDouble();
  }
}
