package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {
  @TempDir Path dir;

  @Test
  void scoresCountsAndNamesAndWritesThemForPeopleAndPrograms() throws Exception {
    EvalReport report = new EvalReport(List.of(
        new ClipResult("a.mp4", "squat", "squat", 10, 9, 100, 1.0, null),
        new ClipResult("b.mp4", "push_up", "plank", 4, 6, 50, 1.0, null),
        new ClipResult("c.mp4", "jump_rope", "unrecognised", 20, 20, 80, 1.0, null)), "test");

    assertThat(report.mae()).isCloseTo((0.1 + 0.5 + 0) / 3, within(1e-9));
    assertThat(report.obo()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(report.namedRight()).isEqualTo(1);
    assertThat(report.markdown()).contains("**3 clips: MAE 0.200, OBO 0.667**")
        .contains("Exercise named right (most reps counted under the labelled exercise) in 1 of 3 clips.");
    report.write(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(json.get("namedRight").asLong()).isEqualTo(1);
    assertThat(json.get("clips").asInt()).isEqualTo(3);
  }
}
