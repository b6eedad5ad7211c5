package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.clips.TrueRepMarks;
import io.repstream.media.VideoFrameRate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TrueRepMarksTest {
  @Test
  void marksOfEveryLabelledClipMatchItsCountWhereTheSourceMarkedReps() throws Exception {
    Path clips = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(clips != null, ClipLabels.whyNoDevelopmentClips());
    int marked = 0;
    for (ClipLabel label : ClipLabels.read(clips.resolve(ClipLabels.LABELS_FILE))) {
      List<Double> marks = TrueRepMarks.secondsOf(label.video(), VideoFrameRate::of);
      if (marks.isEmpty()) {
        continue;
      }
      marked++;
      assertThat(marks).as(label.video().getFileName() + ": one mark per counted rep").hasSize(label.reps());
      assertThat(marks).as("in order, within the clip").isSorted().allSatisfy(s -> assertThat(s).isPositive());
    }
    assertThat(marked).as("QUVA clips and the WorkoutTracker pull-ups carry marks").isGreaterThanOrEqualTo(10);
  }

  @Test
  void quvaMarksAreFrameNumbersTurnedIntoSeconds() throws Exception {
    Path clips = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(clips != null, ClipLabels.whyNoDevelopmentClips());
    List<Double> seconds = TrueRepMarks.secondsOf(clips.resolve("028_bar_lift.mp4"), VideoFrameRate::of);
    // The .npy holds frames 47, 99, 156, ...; the clip runs at 29 fps.
    assertThat(VideoFrameRate.of(clips.resolve("028_bar_lift.mp4"))).isCloseTo(29, within(0.01));
    assertThat(seconds.get(0)).isCloseTo(47 / 29.0, within(1e-3));
    assertThat(seconds.get(1)).isCloseTo(99 / 29.0, within(1e-3));
    assertThat(seconds.get(2)).isCloseTo(156 / 29.0, within(1e-3));
  }
}
