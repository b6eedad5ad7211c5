package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClipResultTest {
  @Test
  void theRecognisedExerciseIsTheOneMostRepsWereCountedUnder() {
    assertThat(ClipResult.recognised(Map.of("squat", 4, "lunge", 1))).isEqualTo("squat");
    assertThat(ClipResult.recognised(Map.of())).isEqualTo("unrecognised");
  }

  @Test
  void onATieANamedExerciseGoesBeforeUnrecognisedWhicheverArrivedFirst() {
    // 020_fitness: the first two lunges counted while the vote was still naming, the last two as lunges.
    Map<String, Integer> unnamedFirst = new LinkedHashMap<>();
    unnamedFirst.put("unrecognised", 2);
    unnamedFirst.put("lunge", 2);
    Map<String, Integer> namedFirst = new LinkedHashMap<>();
    namedFirst.put("lunge", 2);
    namedFirst.put("unrecognised", 2);
    assertThat(ClipResult.recognised(unnamedFirst)).isEqualTo("lunge");
    assertThat(ClipResult.recognised(namedFirst)).isEqualTo("lunge");
    Map<String, Integer> twoNamed = new LinkedHashMap<>();
    twoNamed.put("squat", 3);
    twoNamed.put("lunge", 3);
    assertThat(ClipResult.recognised(twoNamed)).isEqualTo("lunge");
  }
}
