package io.repstream.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pose API on real frames: batching, mapping back to source pixels, and the per-person tracking crop. */
class PoseEstimatorTest {
  /** yuyoujiang_squat frame 30: one person, side view. */
  private static final int FRAME = 4;
  private static final int SEARCH_WIDEN = 8;
  private static final int WIDEN = 3;
  private static List<RgbImage> frames;
  private static MoveNet lightning;

  @BeforeAll
  static void load() {
    Path clips = GoldenFrames.clipsDir();
    assumeTrue(clips != null, "skipped: the clips folder (" + GoldenFrames.CLIPS_PROPERTY + "="
        + System.getProperty(GoldenFrames.CLIPS_PROPERTY) + ") is not on this machine");
    frames = GoldenFrames.decode(clips, GoldenFrames.recipe().subList(0, 8));
    lightning = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu());
  }

  @AfterAll
  static void close() {
    if (lightning != null) {
      lightning.close();
    }
  }

  @Test
  void aBatchGivesWhatSingleCallsGive() {
    try (PoseEstimator estimator = lightning.newEstimator(0)) {
      List<List<Pose>> batch = estimator.estimate(frames);
      assertThat(batch).hasSize(frames.size());
      for (int i = 0; i < frames.size(); i++) {
        List<Pose> single = estimator.estimate(frames.get(i));
        assertThat(single).hasSize(1);
        assertThat(batch.get(i)).hasSize(1);
        Pose a = batch.get(i).get(0);
        Pose b = single.get(0);
        assertThat(a.score()).isCloseTo(b.score(), within(1e-5));
        for (BodyPart part : BodyPart.values()) {
          assertThat(a.keypoint(part).x()).isCloseTo(b.keypoint(part).x(), within(1e-3));
          assertThat(a.keypoint(part).y()).isCloseTo(b.keypoint(part).y(), within(1e-3));
          assertThat(a.keypoint(part).score()).isCloseTo(b.keypoint(part).score(), within(1e-5));
        }
      }
    }
  }

  @Test
  void threadsWithTheirOwnEstimatorShareOneModel() throws Exception {
    List<List<Pose>> expected;
    try (PoseEstimator estimator = lightning.newEstimator(0)) {
      expected = estimator.estimate(frames);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<List<List<Pose>>>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 2; t++) {
        runs.add(pool.submit(() -> {
          try (PoseEstimator own = lightning.newEstimator(0)) {
            List<List<Pose>> last = null;
            for (int round = 0; round < 3; round++) {
              last = own.estimate(frames);
            }
            return last;
          }
        }));
      }
      for (java.util.concurrent.Future<List<List<Pose>>> run : runs) {
        List<List<Pose>> got = run.get();
        for (int i = 0; i < frames.size(); i++) {
          Pose a = got.get(i).get(0);
          Pose b = expected.get(i).get(0);
          for (BodyPart part : BodyPart.values()) {
            assertThat(a.keypoint(part).x()).isCloseTo(b.keypoint(part).x(), within(1e-3));
            assertThat(a.keypoint(part).score()).isCloseTo(b.keypoint(part).score(), within(1e-5));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void posesBelowTheMinimumScoreAreReportedAsNobody() {
    try (PoseEstimator all = lightning.newEstimator(0); PoseEstimator strict = lightning.newEstimator(0.99)) {
      Pose pose = all.estimate(frames.get(0)).get(0);
      assertThat(pose.score()).isLessThan(0.99);
      assertThat(strict.estimate(frames.get(0))).isEmpty();
      PersonCropTracker tracker = new PersonCropTracker();
      assertThat(strict.estimateTracked(List.of(frames.get(0)), List.of(tracker)).get(0)).isEmpty();
      // The tracker still followed the faint pose: its crop is no longer the whole frame.
      assertThat(tracker.cropFor(frames.get(0).width(), frames.get(0).height()))
          .isNotEqualTo(CropRegion.fullFrame(frames.get(0).width(), frames.get(0).height()));
    }
  }

  @Test
  void keypointsAreInSourcePixelsWhereverTheImageSits() {
    RgbImage frame = frames.get(2);
    int dx = 150;
    int dy = 60;
    RgbImage canvas = embed(frame, dx, dy, frame.width() + 2 * dx, frame.height() + 2 * dy);
    // The square the model sees when given the frame alone, expressed in the canvas.
    CropRegion own = CropRegion.fullFrame(frame.width(), frame.height());
    CropRegion inCanvas = new CropRegion(
        (own.yMin() * frame.height() + dy) / canvas.height(), (own.xMin() * frame.width() + dx) / canvas.width(),
        (own.yMax() * frame.height() + dy) / canvas.height(), (own.xMax() * frame.width() + dx) / canvas.width());
    double inputPixel = own.width() * frame.width() / MoveNetModel.LIGHTNING.inputSize();
    try (PoseEstimator estimator = lightning.newEstimator(0)) {
      Pose alone = estimator.estimate(frame).get(0);
      Pose embedded = estimator.estimateAll(List.of(new PoseRequest(canvas, inCanvas))).get(0).get(0);
      assertThat(alone.score()).isGreaterThan(0.3);
      for (BodyPart part : BodyPart.values()) {
        Keypoint k = alone.keypoint(part);
        if (k.score() > 0.3) {
          assertThat(k.x()).isBetween(0.0, (double) frame.width());
          assertThat(k.y()).isBetween(0.0, (double) frame.height());
          // Same pixels seen through a slightly different sampling grid: within one model-input pixel.
          assertThat(embedded.keypoint(part).x() - dx).as(part + " x").isCloseTo(k.x(), within(inputPixel));
          assertThat(embedded.keypoint(part).y() - dy).as(part + " y").isCloseTo(k.y(), within(inputPixel));
        }
      }
    }
  }

  @Test
  void theTrackingCropFindsASmallPersonInAWideFrame() {
    // The frame sits at the right of one three times as wide: letterboxed whole, the person shrinks threefold.
    RgbImage frame = frames.get(FRAME);
    int w = frame.width() * WIDEN;
    RgbImage wide = embed(frame, w - frame.width(), 0, w, frame.height());
    try (PoseEstimator estimator = lightning.newEstimator(0)) {
      PersonCropTracker tracker = new PersonCropTracker();
      CropRegion first = tracker.cropFor(wide.width(), wide.height());
      Pose whole = estimator.estimateTracked(List.of(wide), List.of(tracker)).get(0).get(0);
      Pose tracked = whole;
      for (int i = 0; i < 3; i++) {
        tracked = estimator.estimateTracked(List.of(wide), List.of(tracker)).get(0).get(0);
      }
      CropRegion last = tracker.cropFor(wide.width(), wide.height());
      assertThat(last.width()).isLessThan(first.width() / 2);
      assertThat(tracked.score()).isGreaterThan(whole.score());
      Pose reference = estimator.estimate(frame).get(0);
      int close = 0;
      for (BodyPart part : BodyPart.values()) {
        Keypoint r = reference.keypoint(part);
        Keypoint t = tracked.keypoint(part);
        if (r.score() > 0.3 && Math.hypot(t.x() - (w - frame.width()) - r.x(), t.y() - r.y()) < frame.height() * 0.05) {
          close++;
        }
      }
      assertThat(close).as("joints found where the frame alone puts them").isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void aPersonTooSmallForTheWholeFrameIsFoundBySearchingAcrossIt() {
    // Eight frames wide: squeezed whole into the model's input the person is a few pixels tall and not found; one
    // of the search squares holds them at a size the model sees.
    RgbImage frame = frames.get(FRAME);
    int w = frame.width() * SEARCH_WIDEN;
    RgbImage wide = embed(frame, w - frame.width(), 0, w, frame.height());
    try (PoseEstimator estimator = lightning.newEstimator()) {
      PersonCropTracker tracker = new PersonCropTracker();
      List<Pose> first = estimator.estimateTracked(List.of(wide), List.of(tracker)).get(0);
      assertThat(first).as("nobody found in the whole frame").isEmpty();
      List<Pose> found = List.of();
      for (int i = 0; i < 2 * PersonCropTracker.SEARCH_POSITIONS && found.isEmpty(); i++) {
        found = estimator.estimateTracked(List.of(wide), List.of(tracker)).get(0);
      }
      assertThat(found).as("found within two rounds of the search").hasSize(1);
      Pose reference = estimator.estimate(frame).get(0);
      int close = 0;
      for (BodyPart part : BodyPart.values()) {
        Keypoint r = reference.keypoint(part);
        Keypoint t = found.get(0).keypoint(part);
        if (r.score() > 0.3 && Math.hypot(t.x() - (w - frame.width()) - r.x(), t.y() - r.y()) < frame.height() * 0.05) {
          close++;
        }
      }
      assertThat(close).as("joints found where the frame alone puts them").isGreaterThanOrEqualTo(8);
    }
  }

  private static RgbImage embed(RgbImage image, int dx, int dy, int width, int height) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < image.height(); y++) {
      System.arraycopy(image.rgb(), y * image.width() * 3, rgb, ((y + dy) * width + dx) * 3, image.width() * 3);
    }
    return new RgbImage(width, height, rgb);
  }

}
