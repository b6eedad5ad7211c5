package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {
  @TempDir Path dir;

  @Test
  void scoresCountsAndNamesAndWritesThemForPeopleAndPrograms() throws Exception {
    EvalReport report = new EvalReport(List.of(
        new ClipResult("a.mp4", "squat", "squat", 10, 9, 100, 90, 1.0, null),
        new ClipResult("b.mp4", "push_up", "plank", 4, 6, 50, 20, 1.0, null),
        new ClipResult("c.mp4", "jump_rope", "unrecognised", 20, 20, 80, 0, 1.0, null)), "test", Set.of("squat", "push_up"));

    assertThat(report.mae()).isCloseTo((0.1 + 0.5 + 0) / 3, within(1e-9));
    assertThat(report.obo()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(report.namedRight()).isEqualTo(1);
    assertThat(report.markdown()).contains("**3 clips: MAE 0.200, OBO 0.667**")
        .contains("Exercise named right (most reps counted under the labelled exercise) in 1 of 3 clips.")
        // The jump rope clip is no exercise the model knows: its frames stay out of the per-frame figure.
        .contains("The 2 clips whose exercise the model can name: MAE 0.300, OBO 0.500.")
        .contains("**73.3%** of the 150 frames of the 2 clips whose exercise the model can name")
        .contains("| b.mp4 | push_up | plank | 4 | 6 | +2 | 50 | 40.0% |");
    assertThat(report.frameAccuracyOnKnownExercises()).hasValueCloseTo(110 / 150.0, within(1e-9));
    assertThat(new EvalReport(report.clips(), "test").frameAccuracyOnKnownExercises()).isEmpty();
    assertThat(new EvalReport(report.clips(), "test").markdown()).doesNotContain("Frames named right")
        .doesNotContain("whose exercise the model can name");
    report.write(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(json.get("namedRight").asLong()).isEqualTo(1);
    assertThat(json.get("clips").asInt()).isEqualTo(3);
    assertThat(json.get("frameAccuracyOnKnownExercises").asDouble()).isCloseTo(110 / 150.0, within(1e-9));
    assertThat(json.get("knownExercises").get("clips").asInt()).isEqualTo(2);
    assertThat(json.get("knownExercises").get("mae").asDouble()).isCloseTo(0.3, within(1e-9));
    assertThat(json.get("results").get(1).get("framesNamedRight").asLong()).isEqualTo(20);
  }
}
