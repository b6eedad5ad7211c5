package io.repstream.common.clips;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a labels file in the layout of {@code clips.tsv}: tab-separated with a header line; columns
 * {@code file}, {@code exercise} and {@code reps} are required, {@code view}, {@code ground_truth} and
 * {@code source} optional, any others ignored. Video paths resolve against the file's folder.
 */
public final class ClipLabels {
  /** System property the build sets (profile {@code clips}) to the folder of the real development clips. */
  public static final String CLIPS_DIR_PROPERTY = "repstream.clips.dir";
  public static final String LABELS_FILE = "clips.tsv";

  private ClipLabels() {}

  public static List<ClipLabel> read(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException(tsv + " is empty: expected a header line with file, exercise and reps");
    }
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    Map<String, Integer> col = header.stream().collect(Collectors.toMap(Function.identity(), header::indexOf, (a, b) -> a));
    for (String required : List.of("file", "exercise", "reps")) {
      if (!col.containsKey(required)) {
        throw new IOException(tsv + " has no '" + required + "' column (header: " + lines.get(0).replace('\t', ' ') + ")");
      }
    }
    Path dir = tsv.toAbsolutePath().getParent();
    List<ClipLabel> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      int lineNo = i + 1;
      String file = cell(cells, col.get("file"));
      String reps = cell(cells, col.get("reps"));
      int n;
      try {
        n = Integer.parseInt(reps.trim());
      } catch (NumberFormatException e) {
        throw new IOException(tsv + " line " + lineNo + ": reps '" + reps + "' is not a whole number");
      }
      if (file.isBlank() || n < 0) {
        throw new IOException(tsv + " line " + lineNo + ": needs a file name and a reps count of 0 or more");
      }
      out.add(new ClipLabel(dir.resolve(file), cell(cells, col.get("exercise")), n, optional(cells, col.get("view")),
          optional(cells, col.get("ground_truth")), optional(cells, col.get("source"))));
    }
    return out;
  }

  /** The participant (and stream) id a clip plays as: its file name without extension, in id-safe characters. */
  public static String participantId(Path video) {
    return video.getFileName().toString().replaceAll("\\.[^.]+$", "").replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** The real development clips folder when the build provides one that exists. */
  public static Optional<Path> developmentClipsDir() {
    String dir = System.getProperty(CLIPS_DIR_PROPERTY, "");
    if (dir.isBlank()) {
      return Optional.empty();
    }
    Path p = Path.of(dir);
    return Files.isRegularFile(p.resolve(LABELS_FILE)) ? Optional.of(p.normalize()) : Optional.empty();
  }

  /** Why {@link #developmentClipsDir()} is empty, for a test's skip message. */
  public static String whyNoDevelopmentClips() {
    String dir = System.getProperty(CLIPS_DIR_PROPERTY, "");
    return dir.isBlank()
        ? "real-clip tests need the clips profile: run with -Pclips and ../shared/data/clips beside the checkout"
        : "real-clip tests skipped: " + Path.of(dir).resolve(LABELS_FILE) + " not found (../shared/data/clips is absent)";
  }

  private static String cell(String[] cells, int index) {
    return index < cells.length ? cells[index].trim() : "";
  }

  private static String optional(String[] cells, Integer index) {
    return index == null ? "" : cell(cells, index);
  }
}
