package io.repstream.trainer;

import io.repstream.exercise.PoseInput;

/**
 * One training example: a pose with its exercise and phase, and the group it belongs to (the video or the
 * person), so that splits keep whole groups together.
 */
public record LabelledPose(PoseInput pose, String exercise, String phase, String group) {}
