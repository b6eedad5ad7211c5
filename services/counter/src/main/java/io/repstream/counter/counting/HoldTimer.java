package io.repstream.counter.counting;

import io.repstream.counter.catalogue.ExerciseProfile;
import io.repstream.schemas.Phase;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Times a static exercise (plank). A hold is believed once the HOLD phase has lasted the exercise's dwell, and
 * then counts from its first frame; time across a hole in the frames longer than the maximum gap is not counted.
 */
public final class HoldTimer {
  private static final long NONE = Long.MIN_VALUE;
  private static final double MILLIS_PER_SECOND = 1000.0;

  private long holdSince = NONE;
  private boolean holding;
  private long lastObserved = NONE;

  /** One frame; returns the seconds of hold this frame adds (0 when not holding). */
  public double observe(Phase phase, long time, ExerciseProfile profile, long maxGapMillis) {
    long previous = lastObserved;
    lastObserved = time;
    if (previous != NONE && time - previous > maxGapMillis) {
      interrupt();
      previous = NONE;
    }
    if (phase != Phase.HOLD) {
      interrupt();
      return 0;
    }
    if (holdSince == NONE) {
      holdSince = time;
    }
    if (holding) {
      return (time - previous) / MILLIS_PER_SECOND;
    }
    if (time - holdSince >= profile.minPhaseDwell().toMillis()) {
      holding = true;
      return (time - holdSince) / MILLIS_PER_SECOND;
    }
    return 0;
  }

  public boolean holding() {
    return holding;
  }

  public void interrupt() {
    holding = false;
    holdSince = NONE;
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(holdSince);
    out.writeBoolean(holding);
    out.writeLong(lastObserved);
  }

  public void read(DataInput in) throws IOException {
    holdSince = in.readLong();
    holding = in.readBoolean();
    lastObserved = in.readLong();
  }
}
