package io.repstream.common.clips;

import java.nio.file.Path;

/** The truth about one labelled clip: which exercise it shows and how many reps. */
public record ClipLabel(Path video, String exercise, int reps, String view, String groundTruth, String source) {}
