package io.repstream.counter.counting;

import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.Pose;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Decides from the frames whether a participant is ACTIVE, IDLE (visible but still for the idle time) or
 * NOT_VISIBLE (no confident pose for the not-visible time). Movement means a keypoint moved further than the
 * movement threshold (a fraction of body height) from where it was when the participant last moved; the largest
 * single confident keypoint counts, so moving only the arms is movement too.
 */
public final class PresenceTracker {
  private static final long NONE = Long.MIN_VALUE;

  private final double minPoseScore;
  private final long notVisibleAfter;
  private final long idleAfter;
  private final double movementThreshold;

  private long firstSeen = NONE;
  private long lastVisible = NONE;
  private long lastMovement = NONE;
  private float[] anchor;
  private ParticipantState state = ParticipantState.ACTIVE;

  public PresenceTracker(double minPoseScore, long notVisibleAfterMillis, long idleAfterMillis, double movementThreshold) {
    this.minPoseScore = minPoseScore;
    this.notVisibleAfter = notVisibleAfterMillis;
    this.idleAfter = idleAfterMillis;
    this.movementThreshold = movementThreshold;
  }

  /** One frame; returns whether it shows the participant well enough to count from. */
  public boolean observe(Pose pose, long time) {
    if (firstSeen == NONE) {
      firstSeen = time;
      lastMovement = time;
    }
    float[] coords = pose == null || pose.getScore() < minPoseScore ? null : BodyPoint.coordinates(pose);
    boolean visible = coords != null;
    if (visible) {
      boolean returning = state == ParticipantState.NOT_VISIBLE || anchor == null;
      if (returning || displacement(coords, pose, BodyPoint.height(pose)) > movementThreshold) {
        anchor = coords;
        lastMovement = time;
      }
      lastVisible = time;
    }
    long visibleRef = lastVisible == NONE ? firstSeen : lastVisible;
    if (!visible && time - visibleRef >= notVisibleAfter) {
      state = ParticipantState.NOT_VISIBLE;
    } else if (time - lastMovement >= idleAfter) {
      state = ParticipantState.IDLE;
    } else {
      state = ParticipantState.ACTIVE;
    }
    return visible;
  }

  /** A repetition is movement even when a keypoint threshold missed it (small, slow reps). */
  public void moved(long time) {
    lastMovement = Math.max(lastMovement, time);
    if (state == ParticipantState.IDLE) {
      state = ParticipantState.ACTIVE;
    }
  }

  /** Largest move of a keypoint the model is sure of; unsure ones (occluded, off-frame) jump about on their own. */
  private double displacement(float[] coords, Pose pose, float bodyHeight) {
    double max = 0;
    for (int i = 0; i < coords.length; i += 2) {
      if (pose.getKeypoints().get(i / 2).getScore() < minPoseScore) {
        continue;
      }
      double dx = coords[i] - anchor[i];
      double dy = coords[i + 1] - anchor[i + 1];
      max = Math.max(max, Math.sqrt(dx * dx + dy * dy));
    }
    return max / bodyHeight;
  }

  public ParticipantState state() {
    return state;
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(firstSeen);
    out.writeLong(lastVisible);
    out.writeLong(lastMovement);
    out.writeByte(state.ordinal());
    out.writeBoolean(anchor != null);
    if (anchor != null) {
      for (float f : anchor) {
        out.writeFloat(f);
      }
    }
  }

  public void read(DataInput in) throws IOException {
    firstSeen = in.readLong();
    lastVisible = in.readLong();
    lastMovement = in.readLong();
    state = ParticipantState.values()[in.readByte()];
    if (in.readBoolean()) {
      anchor = new float[BodyPoint.DIMENSIONS];
      for (int i = 0; i < anchor.length; i++) {
        anchor[i] = in.readFloat();
      }
    } else {
      anchor = null;
    }
  }
}
