package io.repstream.synth.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthCommand;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.TempoModel;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.noise.KeypointNoise;
import io.repstream.synth.render.FrameRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The files a user gets: labels that say what was asked, bytes that repeat for a seed, videos that decode. */
class SynthOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private static SynthOptions small(String script, long seed) {
    return new SynthOptions(WorkoutScript.parse(script), seed, 10, 160, 120, TempoModel.NATURAL,
        KeypointNoise.MOVENET_LIKE);
  }

  @Test
  void theCommandWritesLabelsWhoseCountedRepsAreTheRepsAskedFor() throws Exception {
    Path out = tmp.resolve("squat");
    int code = new CommandLine(new SynthCommand()).execute("--exercise", "squat", "--reps", "12", "--seed", "7",
        "--out", out.toString(), "--no-video", "--fps", "10");
    assertThat(code).isZero();
    JsonNode reps = JSON.readTree(out.resolve(LabelWriter.REPS_FILE).toFile());
    long counted = 0;
    for (JsonNode r : reps) {
      counted += r.get("kind").asText().equals("COUNTED") ? 1 : 0;
    }
    assertThat(counted).isEqualTo(12);
    List<String> lines = Files.readAllLines(out.resolve(LabelWriter.FRAMES_FILE));
    JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(last.get("repsDone").asInt()).isEqualTo(12);
    assertThat(last.get("keypoints")).hasSize(17);
    JsonNode meta = JSON.readTree(out.resolve(LabelWriter.META_FILE).toFile());
    assertThat(meta.get("frames").asInt()).isEqualTo(lines.size());
    assertThat(meta.get("sets").get(0).get("countedReps").asInt()).isEqualTo(12);
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
    SequenceGenerator generator = new SequenceGenerator();
    LabelWriter.write(generator.generate(small("lunge:4,plank:3s", 42)), tmp.resolve("a"));
    LabelWriter.write(generator.generate(small("lunge:4,plank:3s", 42)), tmp.resolve("b"));
    LabelWriter.write(generator.generate(small("lunge:4,plank:3s", 43)), tmp.resolve("c"));
    for (String file : List.of(LabelWriter.FRAMES_FILE, LabelWriter.REPS_FILE, LabelWriter.META_FILE)) {
      assertThat(Files.readAllBytes(tmp.resolve("a").resolve(file)))
          .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(file)));
    }
    assertThat(Files.readAllBytes(tmp.resolve("a").resolve(LabelWriter.FRAMES_FILE)))
        .isNotEqualTo(Files.readAllBytes(tmp.resolve("c").resolve(LabelWriter.FRAMES_FILE)));
  }

  @Test
  void theVideoDecodesBackToTheLabelledFramesAndLooksLikeTheRendering() throws Exception {
    SynthSequence seq = new SequenceGenerator().generate(small("jumping_jack:3", 5));
    Path video = tmp.resolve("v.mp4");
    VideoRenderer.write(seq, video);
    FrameRenderer renderer = new FrameRenderer(seq.camera(), seq.scene(), seq.workout().body());
    int decoded = 0;
    List<Double> psnr = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      assertThat(grabber.getImageWidth()).isEqualTo(160);
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        if (decoded % 7 == 0) {
          FrameTruth truth = seq.workout().frames().get(decoded);
          psnr.add(psnr(converter.convert(frame), renderer.render(truth.skeleton(), truth.barHeight())));
        }
        decoded++;
      }
    }
    assertThat(decoded).isEqualTo(seq.workout().frames().size());
    assertThat(psnr).allMatch(p -> p > 24, "every sampled frame within 24 dB PSNR of its rendering");
  }

  @Test
  void aGalleryTilesEveryoneForTheWholeVideo() throws Exception {
    List<SynthOptions> people = List.of(small("squat:2", 1), small("push_up:3", 2), small("standing:2s", 3));
    Path dir = tmp.resolve("gallery");
    GalleryRenderer.write(people, 320, 240, dir);
    JsonNode layout = JSON.readTree(dir.resolve(GalleryRenderer.LAYOUT_FILE).toFile());
    int frames = layout.get("frames").asInt();
    assertThat(layout.get("tiles")).hasSize(3);
    for (JsonNode tile : layout.get("tiles")) {
      Path labels = dir.resolve(tile.get("participant").asText()).resolve(LabelWriter.FRAMES_FILE);
      assertThat(Files.readAllLines(labels)).hasSize(frames);
    }
    JsonNode squatReps = JSON.readTree(dir.resolve("participant-01").resolve(LabelWriter.REPS_FILE).toFile());
    assertThat(squatReps.findValuesAsText("kind")).filteredOn("COUNTED"::equals).hasSize(2);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(dir.resolve(VideoRenderer.VIDEO_FILE).toFile())) {
      grabber.start();
      int n = 0;
      while (grabber.grabImage() != null) {
        n++;
      }
      assertThat(n).isEqualTo(frames);
      assertThat(grabber.getImageWidth()).isEqualTo(320);
    }
  }

  @Test
  void aDatasetListsEverySequenceInItsManifest() throws Exception {
    Path dir = tmp.resolve("set");
    DatasetWriter.write(small("standing:1s", 9), 3, null, false, dir);
    JsonNode manifest = JSON.readTree(dir.resolve(DatasetWriter.MANIFEST_FILE).toFile());
    assertThat(manifest.get("sequences")).hasSize(3);
    for (JsonNode e : manifest.get("sequences")) {
      Path seq = dir.resolve(e.get("id").asText());
      assertThat(Files.readAllLines(seq.resolve(LabelWriter.FRAMES_FILE))).hasSize(e.get("frames").asInt());
      JsonNode reps = JSON.readTree(seq.resolve(LabelWriter.REPS_FILE).toFile());
      assertThat(reps.findValuesAsText("kind")).filteredOn("COUNTED"::equals).hasSize(e.get("countedReps").asInt());
    }
  }

  @Test
  void badArgumentsAreRefusedWithAMessageNamingThem() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new SynthCommand());
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("--exercise", "yoga", "--out", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("yoga").contains("push_up");
    err.reset();
    assertThat(cli.execute("--exercise", "plank", "--reps", "3", "--out", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("plank is timed");
    err.reset();
    assertThat(cli.execute("--workout", "squat:x", "--out", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("squat:x");
    err.reset();
    Path notAFolder = tmp.resolve("file");
    Files.writeString(notAFolder, "x");
    assertThat(cli.execute("--exercise", "squat", "--reps", "1", "--no-video", "--out", notAFolder.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("cannot write to").contains(notAFolder.toString());
  }

  private static double psnr(BufferedImage a, BufferedImage b) {
    double se = 0;
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          double d = ((p >> shift) & 0xff) - ((q >> shift) & 0xff);
          se += d * d;
          n++;
        }
      }
    }
    return 10 * Math.log10(255.0 * 255.0 / (se / n));
  }
}
