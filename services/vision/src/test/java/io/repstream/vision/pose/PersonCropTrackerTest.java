package io.repstream.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonCropTrackerTest {
  private static final double PIXEL = 1e-9;

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"640, 360", "480, 270", "360, 640", "500, 500"})
  void searchCropsAreSquaresInsideTheFrameStartingWithTheWholeFrame(int w, int h) {
    assertThat(PersonCropTracker.searchCrop(0, w, h)).isEqualTo(CropRegion.fullFrame(w, h));
    Set<CropRegion> distinct = new HashSet<>();
    for (int step = 0; step < PersonCropTracker.SEARCH_POSITIONS; step++) {
      CropRegion c = PersonCropTracker.searchCrop(step, w, h);
      distinct.add(c);
      assertThat(c.width() * w).as("square in pixels").isCloseTo(c.height() * h, within(PIXEL));
      if (step > 0) {
        assertThat(c.xMin()).isGreaterThanOrEqualTo(-PIXEL);
        assertThat(c.yMin()).isGreaterThanOrEqualTo(-PIXEL);
        assertThat(c.xMax()).isLessThanOrEqualTo(1 + PIXEL);
        assertThat(c.yMax()).isLessThanOrEqualTo(1 + PIXEL);
      }
    }
    assertThat(distinct).hasSize(w == h ? 1 : PersonCropTracker.SEARCH_POSITIONS);
    // The search goes round: after the last place comes the whole frame again.
    assertThat(PersonCropTracker.searchCrop(PersonCropTracker.SEARCH_POSITIONS, w, h)).isEqualTo(CropRegion.fullFrame(w, h));
  }
}
