package io.repstream.counter.catalogue;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The exercises RepStream knows, with the timing and depth each needs to count as a repetition. This is the
 * one place those figures live. Labels follow the classifier's vocabulary (lower case, underscores).
 *
 * <p>Timings are generous on purpose: a minimum rep duration only has to reject label flicker, a maximum only
 * has to reject a rest taken mid-movement. Dwell times are about two frames at the sampler's usual 15 fps, so a
 * single mislabelled frame can never complete a phase.
 */
public final class ExerciseCatalogue {
  /** The classifier's label for "no exercise recognised"; such frames go to the periodic-motion fallback. */
  public static final String NONE = "none";
  /** The name rep events carry when the exercise was not recognised and reps were counted from motion alone. */
  public static final String UNRECOGNISED = "unrecognised";

  /** Profile for a label the classifier knows but this catalogue does not: typical strength-exercise timing. */
  private static final ExerciseProfile GENERIC = ExerciseProfile.reps("generic", 120, 500, 10_000, 0.6);

  private final Map<String, ExerciseProfile> profiles;

  private ExerciseCatalogue(Map<String, ExerciseProfile> profiles) {
    this.profiles = Collections.unmodifiableMap(profiles);
  }

  public static ExerciseCatalogue standard() {
    Map<String, ExerciseProfile> p = new LinkedHashMap<>();
    add(p, ExerciseProfile.reps("squat", 120, 600, 10_000, 0.6));
    add(p, ExerciseProfile.reps("push_up", 100, 500, 8_000, 0.6));
    add(p, ExerciseProfile.reps("pull_up", 120, 700, 10_000, 0.6));
    add(p, ExerciseProfile.reps("lunge", 120, 700, 10_000, 0.6));
    add(p, ExerciseProfile.reps("sit_up", 100, 600, 8_000, 0.6));
    add(p, ExerciseProfile.reps("jumping_jack", 60, 350, 3_000, 0.5));
    // A rope turns two to three times a second: two frames per phase is all the sampler sees.
    add(p, ExerciseProfile.reps("jump_rope", 40, 200, 2_000, 0.5));
    add(p, ExerciseProfile.hold("plank", 1_000));
    return new ExerciseCatalogue(p);
  }

  private static void add(Map<String, ExerciseProfile> p, ExerciseProfile profile) {
    p.put(profile.name(), profile);
  }

  /** True for labels that mean "no exercise": the classifier's none and an empty label. */
  public static boolean isNone(String label) {
    return label == null || label.isBlank() || label.equalsIgnoreCase(NONE);
  }

  /** The profile for an exercise label; labels outside the catalogue get the generic profile under their own name. */
  public ExerciseProfile profile(String label) {
    ExerciseProfile known = profiles.get(label.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    return new ExerciseProfile(label, GENERIC.kind(), GENERIC.minPhaseDwell(), GENERIC.minRep(), GENERIC.maxRep(),
        GENERIC.minRangeOfMotion());
  }

  public Collection<ExerciseProfile> all() {
    return profiles.values();
  }
}
