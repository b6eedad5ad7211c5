package io.repstream.synth.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The sets a synthetic person performs, in order, with transitions between them. */
public record WorkoutScript(List<SetPlan> sets) {
  public WorkoutScript {
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("a workout script needs at least one set");
    }
    sets = List.copyOf(sets);
  }

  /**
   * Parses a comma-separated script such as {@code standing:3s,squat:12,plank:20s,push_up:8}: reps for
   * counted exercises, seconds (with an {@code s}) for holds and idle activities.
   */
  public static WorkoutScript parse(String text) {
    List<SetPlan> sets = new ArrayList<>();
    for (String part : text.split(",")) {
      String item = part.trim();
      int colon = item.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("workout item '" + item + "' must be exercise:reps or exercise:seconds followed by s");
      }
      Exercise exercise = Exercise.fromLabel(item.substring(0, colon));
      String amount = item.substring(colon + 1).trim();
      try {
        if (exercise.mode() == Exercise.Mode.REPS) {
          sets.add(SetPlan.reps(exercise, Integer.parseInt(amount)));
        } else {
          if (!amount.endsWith("s")) {
            throw new IllegalArgumentException("workout item '" + item + "': " + exercise.label() + " takes seconds, e.g. " + exercise.label() + ":20s");
          }
          sets.add(SetPlan.seconds(exercise, Double.parseDouble(amount.substring(0, amount.length() - 1))));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("workout item '" + item + "' has a bad number '" + amount + "'");
      }
    }
    return new WorkoutScript(sets);
  }

  @Override
  public String toString() {
    return sets.stream().map(SetPlan::toString).collect(Collectors.joining(","));
  }
}
