package io.repstream.trainer;

import java.util.List;

/** Counts of (true class, predicted class) pairs, and the accuracies read from them. */
public final class ConfusionMatrix {
  private final List<String> labels;
  private final long[][] counts;

  public ConfusionMatrix(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.counts = new long[labels.size()][labels.size()];
  }

  public void add(int truth, int predicted) {
    counts[truth][predicted]++;
  }

  public List<String> labels() {
    return labels;
  }

  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  public long total() {
    long n = 0;
    for (long[] row : counts) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < counts.length; i++) {
      correct += counts[i][i];
    }
    long n = total();
    return n == 0 ? 0 : (double) correct / n;
  }

  /** Share of class {@code truth}'s examples predicted right (recall); NaN when the class has none. */
  public double recall(int truth) {
    long row = 0;
    for (long c : counts[truth]) {
      row += c;
    }
    return row == 0 ? Double.NaN : (double) counts[truth][truth] / row;
  }
}
