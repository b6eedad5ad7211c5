package io.repstream.common.clips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.schemas.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruePhasesTest {
  @TempDir Path dir;

  @Test
  void eachRowHoldsUntilTheNextAndNothingIsLabelledBeforeTheFirst() throws Exception {
    Path clip = clipWithPhases("time,phase\n0.5,top\n1.0,MOVING\n1.4,Bottom\n1.8,moving\n2.2,TOP\n3.0,unknown\n");
    TruePhases phases = TruePhases.of(clip).orElseThrow();
    assertThat(phases.at(0.2)).isEqualTo(Phase.UNKNOWN);
    assertThat(phases.at(0.5)).isEqualTo(Phase.TOP);
    assertThat(phases.at(0.99)).isEqualTo(Phase.TOP);
    assertThat(phases.at(1.0)).isEqualTo(Phase.MOVING);
    assertThat(phases.at(1.5)).isEqualTo(Phase.BOTTOM);
    assertThat(phases.at(2.5)).isEqualTo(Phase.TOP);
    assertThat(phases.at(40)).isEqualTo(Phase.UNKNOWN);
  }

  @Test
  void aClipWithoutAPhasesFileHasNone() throws Exception {
    assertThat(TruePhases.of(dir.resolve("plain.mp4"))).isEmpty();
  }

  @Test
  void badFilesAreRefusedWithTheLineAndWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> TruePhases.of(clipWithPhases("seconds,phase\n0,TOP\n")))
        .isInstanceOf(IOException.class).hasMessageContaining("header line 'time,phase'");
    assertThatThrownBy(() -> TruePhases.of(clipWithPhases("time,phase\n0,TOP\n0.4,DOWN\n")))
        .hasMessageContaining("line 3").hasMessageContaining("phase 'DOWN' is not one of");
    assertThatThrownBy(() -> TruePhases.of(clipWithPhases("time,phase\n0,TOP\n0.4,BOTTOM\n0.4,TOP\n")))
        .hasMessageContaining("line 4").hasMessageContaining("increase");
    assertThatThrownBy(() -> TruePhases.of(clipWithPhases("time,phase\nhalf,TOP\n")))
        .hasMessageContaining("time 'half' is not a number");
    assertThatThrownBy(() -> TruePhases.of(clipWithPhases("time,phase\n")))
        .hasMessageContaining("no rows");
  }

  private Path clipWithPhases(String csv) throws IOException {
    Files.createDirectories(dir.resolve(TrueRepMarks.LABELS_DIR));
    Files.writeString(dir.resolve(TrueRepMarks.LABELS_DIR).resolve("squats" + TruePhases.SUFFIX), csv);
    return dir.resolve("squats.mp4");
  }
}
