package io.repstream.counter.testdata;

import io.repstream.schemas.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** How an at-least-once pipeline mangles an ordered stream of predictions: reordering, repeats and losses. */
public final class Delivery {
  private Delivery() {}

  /** Swaps neighbouring records so none moves by more than {@code maxShift} places. */
  public static List<Prediction> shuffled(List<Prediction> in, int maxShift, long seed) {
    Random r = new Random(seed);
    List<Prediction> out = new ArrayList<>(in);
    for (int i = 0; i + maxShift < out.size(); i += maxShift + 1) {
      List<Prediction> block = out.subList(i, i + maxShift + 1);
      java.util.Collections.shuffle(block, r);
    }
    return out;
  }

  /** Repeats a share of records, each a few places after the original (a redelivered batch). */
  public static List<Prediction> duplicated(List<Prediction> in, double rate, int maxDelay, long seed) {
    Random r = new Random(seed);
    List<Prediction> out = new ArrayList<>(in);
    for (int i = in.size() - 1; i >= 0; i--) {
      if (r.nextDouble() < rate) {
        int at = Math.min(out.size(), i + 1 + r.nextInt(maxDelay + 1));
        out.add(at, in.get(i));
      }
    }
    return out;
  }

  /** Loses a share of records on the way (sequence numbers keep the hole). */
  public static List<Prediction> dropped(List<Prediction> in, double rate, long seed) {
    Random r = new Random(seed);
    List<Prediction> out = new ArrayList<>();
    for (Prediction p : in) {
      if (r.nextDouble() >= rate) {
        out.add(p);
      }
    }
    return out;
  }
}
