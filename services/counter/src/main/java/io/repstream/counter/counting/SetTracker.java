package io.repstream.counter.counting;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Splits a participant's activity into sets: a new set starts when the exercise changes or when the participant
 * rested longer than the set rest since their last repetition or hold. Transition reps belong to no set of
 * their own and so never start one.
 */
public final class SetTracker {
  private static final long NONE = Long.MIN_VALUE;

  private int setNumber;
  private String setExercise;
  private int repsInSet;
  private long lastActivity = NONE;

  /** Places a repetition or hold segment; returns the set it belongs to (1-based). */
  public int place(String exercise, long start, long end, boolean counted, boolean transition, long restMillis) {
    if (!transition) {
      boolean rested = lastActivity != NONE && start - lastActivity > restMillis;
      if (setNumber == 0 || !exercise.equals(setExercise) || rested) {
        setNumber++;
        setExercise = exercise;
        repsInSet = 0;
      }
      lastActivity = Math.max(lastActivity, end);
    }
    if (counted) {
      repsInSet++;
    }
    return Math.max(1, setNumber);
  }

  public int setNumber() {
    return setNumber;
  }

  public int repsInSet() {
    return repsInSet;
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(setNumber);
    out.writeBoolean(setExercise != null);
    if (setExercise != null) {
      out.writeUTF(setExercise);
    }
    out.writeInt(repsInSet);
    out.writeLong(lastActivity);
  }

  public void read(DataInput in) throws IOException {
    setNumber = in.readInt();
    setExercise = in.readBoolean() ? in.readUTF() : null;
    repsInSet = in.readInt();
    lastActivity = in.readLong();
  }
}
