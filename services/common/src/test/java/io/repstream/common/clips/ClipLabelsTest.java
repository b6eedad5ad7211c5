package io.repstream.common.clips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipLabelsTest {
  @TempDir Path dir;

  @Test
  void readsTheDevelopmentClipsLabels() throws IOException {
    Path clips = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(clips != null, ClipLabels.whyNoDevelopmentClips());
    List<ClipLabel> labels = ClipLabels.read(clips.resolve(ClipLabels.LABELS_FILE));
    assertThat(labels).hasSizeGreaterThanOrEqualTo(20);
    assertThat(labels).allSatisfy(l -> {
      assertThat(l.video()).exists();
      assertThat(l.reps()).isPositive();
      assertThat(l.exercise()).isNotBlank();
    });
    assertThat(labels).anySatisfy(l -> {
      assertThat(l.video().getFileName().toString()).isEqualTo("pullups_videoplayback_1.mp4");
      assertThat(l.exercise()).isEqualTo("pull_up");
      assertThat(l.reps()).isEqualTo(20);
    });
  }

  @Test
  void optionalColumnsMayBeMissingAndExtraColumnsAreIgnored() throws IOException {
    Path tsv = dir.resolve("mine.tsv");
    Files.writeString(tsv, "reps\tcomment\tfile\texercise\n12\tgood light\tme.mp4\tsquat\n\n");
    List<ClipLabel> labels = ClipLabels.read(tsv);
    assertThat(labels).containsExactly(new ClipLabel(dir.resolve("me.mp4").toAbsolutePath(), "squat", 12, "", "", ""));
  }

  @Test
  void clipsPlayAsParticipantsNamedAfterTheirFiles() {
    assertThat(ClipLabels.participantId(Path.of("/x/joelo_squat.mp4"))).isEqualTo("joelo_squat");
    assertThat(ClipLabels.participantId(Path.of("bicep curl (2).v1.mov"))).isEqualTo("bicep-curl--2--v1");
  }

  @Test
  void badLinesAreReportedWithTheirLineNumber() throws IOException {
    Path tsv = dir.resolve("bad.tsv");
    Files.writeString(tsv, "file\texercise\treps\na.mp4\tsquat\t3\nb.mp4\tsquat\tmany\n");
    assertThatThrownBy(() -> ClipLabels.read(tsv)).hasMessageContaining("line 3").hasMessageContaining("'many'");
    Files.writeString(tsv, "file\texercise\n");
    assertThatThrownBy(() -> ClipLabels.read(tsv)).hasMessageContaining("no 'reps' column");
  }
}
