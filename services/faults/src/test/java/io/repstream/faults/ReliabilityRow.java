package io.repstream.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line of the table in {@code docs/reliability.md}, measured by the test that injects the fault: printed, and
 * written to {@code target/reliability/<test>.md} so the table is filled from real runs.
 *
 * @param eventsIn what went into the faulted stage (frames or predictions)
 * @param eventsOut what came out (predictions or counted reps), duplicates included
 * @param lost expected outputs that never came
 * @param duplicated outputs seen more than once
 */
record ReliabilityRow(String fault, String unit, long eventsIn, long eventsOut, long lost, long duplicated,
    Class<?> test) {
  private static final String DIR_PROPERTY = "repstream.reliability.dir";

  String markdown() {
    return "| " + fault + " | " + eventsIn + " " + unit + " | " + eventsOut + " | " + lost + " | " + duplicated + " | `"
        + test.getSimpleName() + "` |";
  }

  /** Prints the row and writes it where {@code repstream.reliability.dir} points (failsafe sets target/reliability). */
  void report() {
    report(test.getSimpleName());
  }

  /** As {@link #report()}, for a test with more than one row: each under its own name. */
  void report(String name) {
    String line = markdown();
    System.out.println("RELIABILITY " + line);
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null) {
      return;
    }
    try {
      Path out = Path.of(dir);
      Files.createDirectories(out);
      Files.writeString(out.resolve(name + ".md"), line + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reliability row of " + test.getSimpleName(), e);
    }
  }
}
