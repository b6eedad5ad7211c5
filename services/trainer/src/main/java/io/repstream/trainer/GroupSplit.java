package io.repstream.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Splits examples by group (video or person), never by frame: neighbouring frames of one video are nearly
 * identical, and letting them fall on both sides of a split would measure memory, not recognition.
 */
public record GroupSplit(List<LabelledPose> train, List<LabelledPose> validation, List<String> validationGroups) {

  public static GroupSplit of(List<LabelledPose> all, double validationFraction, long seed) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be between 0 and 1, got " + validationFraction);
    }
    List<String> groups = new ArrayList<>(new TreeSet<>(all.stream().map(LabelledPose::group).toList()));
    if (groups.size() < 2) {
      throw new IllegalArgumentException("need at least two videos or people to split; got " + groups.size());
    }
    Collections.shuffle(groups, new Random(seed));
    int held = Math.max(1, (int) Math.round(groups.size() * validationFraction));
    List<String> validationGroups = List.copyOf(new TreeSet<>(groups.subList(0, held)));
    List<LabelledPose> train = new ArrayList<>();
    List<LabelledPose> validation = new ArrayList<>();
    for (LabelledPose p : all) {
      (validationGroups.contains(p.group()) ? validation : train).add(p);
    }
    return new GroupSplit(train, validation, validationGroups);
  }
}
