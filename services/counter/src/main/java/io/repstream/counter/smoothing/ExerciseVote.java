package io.repstream.counter.smoothing;

import io.repstream.counter.catalogue.ExerciseCatalogue;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Smooths the per-frame exercise label by a sliding vote. Each frame votes for its most likely label with that
 * label's probability; a label's support is its votes over the window's capacity. The exercise switches only to
 * a label whose support reaches the switching share, so one mislabelled frame (or a few) never changes it, and
 * it falls back to unrecognised when "none" wins or the window's mean top-label probability sinks below the
 * minimum confidence (the classifier is unsure what this is, whatever it calls it).
 */
public final class ExerciseVote {
  private final int capacity;
  private final double switchShare;
  private final double minConfidence;
  private final Deque<Vote> window = new ArrayDeque<>();
  /** The smoothed exercise; null while unrecognised. */
  private String current;

  private record Vote(String label, float weight) {}

  public ExerciseVote(int capacity, double switchShare, double minConfidence) {
    this.capacity = capacity;
    this.switchShare = switchShare;
    this.minConfidence = minConfidence;
  }

  /** Adds one frame's top label and its probability; returns the smoothed exercise, null when unrecognised. */
  public String observe(String label, double probability) {
    String l = ExerciseCatalogue.isNone(label) ? ExerciseCatalogue.NONE : label;
    window.addLast(new Vote(l, (float) Math.max(0, Math.min(1, probability))));
    if (window.size() > capacity) {
      window.removeFirst();
    }
    Map<String, Double> support = new HashMap<>();
    double weightSum = 0;
    for (Vote v : window) {
      support.merge(v.label, (double) v.weight / capacity, Double::sum);
      weightSum += v.weight;
    }
    String leader = null;
    double best = -1;
    for (Map.Entry<String, Double> e : support.entrySet()) {
      if (e.getValue() > best) {
        best = e.getValue();
        leader = e.getKey();
      }
    }
    if (best >= switchShare && !leader.equals(current)) {
      current = leader.equals(ExerciseCatalogue.NONE) ? null : leader;
    } else if (current != null && window.size() == capacity && weightSum / capacity < minConfidence) {
      current = null;
    }
    return current;
  }

  /** The smoothed exercise, null while unrecognised. */
  public String current() {
    return current;
  }

  public void write(DataOutput out) throws IOException {
    out.writeBoolean(current != null);
    if (current != null) {
      out.writeUTF(current);
    }
    out.writeInt(window.size());
    for (Vote v : window) {
      out.writeUTF(v.label);
      out.writeFloat(v.weight);
    }
  }

  public void read(DataInput in) throws IOException {
    current = in.readBoolean() ? in.readUTF() : null;
    int n = in.readInt();
    window.clear();
    for (int i = 0; i < n; i++) {
      window.addLast(new Vote(in.readUTF(), in.readFloat()));
    }
  }
}
