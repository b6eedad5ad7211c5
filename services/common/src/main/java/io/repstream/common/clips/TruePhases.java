package io.repstream.common.clips;

import io.repstream.schemas.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The phase of every moment of a clip, where someone labelled it: {@code labels/<clip>.phases.csv} beside the clip,
 * with a header line and columns {@code time} (seconds from the clip's start) and {@code phase} (TOP, MOVING,
 * BOTTOM, HOLD, or UNKNOWN for a stretch nobody labelled). Each row's phase holds from its time until the next
 * row's, so a file may list every frame or only the changes; before the first row nothing is labelled.
 */
public final class TruePhases {
  public static final String SUFFIX = ".phases.csv";
  private static final String HEADER = "time,phase";

  private final Path file;
  private final double[] from;
  private final Phase[] phase;

  private TruePhases(Path file, double[] from, Phase[] phase) {
    this.file = file;
    this.from = from;
    this.phase = phase;
  }

  /** The clip's phase labels from {@code labels/<clip>.phases.csv}, or empty when it has no phases file. */
  public static Optional<TruePhases> of(Path clip) throws IOException {
    Path csv = TrueRepMarks.sidecar(clip, SUFFIX);
    return Files.isRegularFile(csv) ? Optional.of(read(csv)) : Optional.empty();
  }

  private static TruePhases read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().replace(" ", "").equalsIgnoreCase(HEADER)) {
      throw new IOException(csv + ": expected the header line '" + HEADER + "'");
    }
    List<Double> times = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String where = csv + " line " + (i + 1);
      String[] cols = line.split(",", -1);
      if (cols.length != 2) {
        throw new IOException(where + ": expected time,phase, got '" + line + "'");
      }
      double t;
      try {
        t = Double.parseDouble(cols[0].trim());
      } catch (NumberFormatException e) {
        throw new IOException(where + ": time '" + cols[0].trim() + "' is not a number of seconds", e);
      }
      if (!(t >= 0) || (!times.isEmpty() && t <= times.get(times.size() - 1))) {
        throw new IOException(where + ": times must start at 0 or later and increase, got " + t + " after "
            + (times.isEmpty() ? "the header" : times.get(times.size() - 1)));
      }
      times.add(t);
      phases.add(phase(cols[1].trim(), where));
    }
    if (times.isEmpty()) {
      throw new IOException(csv + " labels no phase: it has a header and no rows");
    }
    return new TruePhases(csv, times.stream().mapToDouble(Double::doubleValue).toArray(), phases.toArray(Phase[]::new));
  }

  private static Phase phase(String name, String where) throws IOException {
    try {
      return Phase.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": phase '" + name + "' is not one of " + Arrays.toString(Phase.values()), e);
    }
  }

  /** The phase labelled at {@code seconds} from the clip's start; UNKNOWN before the first row. */
  public Phase at(double seconds) {
    int i = Arrays.binarySearch(from, seconds);
    int row = i >= 0 ? i : -i - 2;
    return row < 0 ? Phase.UNKNOWN : phase[row];
  }

  /** The phases file these labels were read from. */
  public Path file() {
    return file;
  }
}
