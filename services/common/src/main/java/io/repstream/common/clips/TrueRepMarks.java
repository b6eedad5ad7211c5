package io.repstream.common.clips;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a clip's reps truly ended, when its source marked them: {@code labels/<clip>.npy} beside the clip (QUVA's
 * cycle-end frame indices, a NumPy array of little-endian int64) or {@code labels/<clip>.labels.csv} (columns
 * frame, time, label; a label of 1 marks a rep). Eval draws them on the count timeline next to the counter's (counts
 * are scored against clips.tsv); the trainer reads each rep's phases from the movement between two marks.
 */
public final class TrueRepMarks {
  /** The folder beside the clips that holds what their sources marked in them. */
  public static final String LABELS_DIR = "labels";
  private static final String NPY_SUFFIX = ".npy";
  private static final String CSV_SUFFIX = ".labels.csv";
  private static final String NPY_MAGIC = "\u0093NUMPY";
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\((\\d+),?\\)");
  private static final double MARKED = 1.0;

  private TrueRepMarks() {}

  /** How a caller reads a clip's frame rate (the decoder lives elsewhere), asked only for marks given in frames. */
  @FunctionalInterface
  public interface FrameRate {
    double of(Path clip) throws IOException;
  }

  /** Seconds from the clip's start to each true rep end, in order; empty when the clip has no marks. */
  public static List<Double> secondsOf(Path clip, FrameRate frameRate) throws IOException {
    Optional<Path> file = fileOf(clip);
    if (file.isEmpty()) {
      return List.of();
    }
    Path marks = file.get();
    if (!marks.getFileName().toString().endsWith(NPY_SUFFIX)) {
      return readMarkedTimes(marks);
    }
    double fps = frameRate.of(clip);
    if (!(fps > 0)) {
      throw new IOException(clip + ": no frame rate to turn the frame numbers in " + marks + " into times");
    }
    List<Double> out = new ArrayList<>();
    for (long frame : readInt64Npy(marks)) {
      out.add(frame / fps);
    }
    return out;
  }

  /** The file {@link #secondsOf} reads the clip's marks from ({@code .npy} before {@code .labels.csv}); empty if none. */
  public static Optional<Path> fileOf(Path clip) {
    return Stream.of(sidecar(clip, NPY_SUFFIX), sidecar(clip, CSV_SUFFIX)).filter(Files::isRegularFile).findFirst();
  }

  static long[] readInt64Npy(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[NPY_MAGIC.length()];
    b.get(magic);
    if (!new String(magic, StandardCharsets.ISO_8859_1).equals(NPY_MAGIC)) {
      throw new IOException(file + " is not a NumPy .npy file");
    }
    int major = b.get();
    b.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
    byte[] header = new byte[headerLength];
    b.get(header);
    String h = new String(header, StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(h);
    Matcher shape = SHAPE.matcher(h);
    if (!descr.find() || !descr.group(1).equals("<i8") || !shape.find() || h.contains("'fortran_order': True")) {
      throw new IOException(file + ": expected a one-dimensional little-endian int64 array, header " + h.trim());
    }
    int n = Integer.parseInt(shape.group(1));
    if (b.remaining() < (long) n * Long.BYTES) {
      throw new IOException(file + ": header says " + n + " values, file holds " + b.remaining() / Long.BYTES);
    }
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = b.getLong();
    }
    return values;
  }

  static List<Double> readMarkedTimes(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<Double> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cols = lines.get(i).split(",");
      if (cols.length < 3) {
        continue;
      }
      try {
        if (Double.parseDouble(cols[2].trim()) == MARKED) {
          out.add(Double.parseDouble(cols[1].trim()));
        }
      } catch (NumberFormatException e) {
        throw new IOException(csv + " line " + (i + 1) + ": expected frame,time,label numbers, got '" + lines.get(i) + "'", e);
      }
    }
    return out;
  }

  /** {@code labels/<clip name without extension><suffix>} beside the clip. */
  static Path sidecar(Path clip, String suffix) {
    String stem = clip.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    return clip.toAbsolutePath().getParent().resolve(LABELS_DIR).resolve(stem + suffix);
  }
}
