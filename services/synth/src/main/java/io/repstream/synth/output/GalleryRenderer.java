package io.repstream.synth.output;

import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.Exercise;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.SetPlan;
import io.repstream.synth.motion.Workout;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.render.FrameRenderer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A video-call gallery: several synthetic participants, each in their own room and camera, tiled in a grid in
 * one video. Each participant's labels go to its own folder, in coordinates of its own tile; the layout file
 * says where each tile is. Everyone's workout is padded with standing so that all last as long as the video.
 */
public final class GalleryRenderer {
  public static final String LAYOUT_FILE = "gallery.json";
  /** Gap between tiles, pixels. */
  static final int GUTTER = 4;
  static final Color GUTTER_COLOUR = new Color(24, 24, 28);

  private GalleryRenderer() {}

  /** Writes {@code video.mp4}, {@value #LAYOUT_FILE} and one label folder per participant into {@code dir}. */
  public static void write(List<SynthOptions> participants, int width, int height, Path dir) throws IOException {
    int n = participants.size();
    if (n < 1) {
      throw new IllegalArgumentException("a gallery needs at least one participant");
    }
    int cols = (int) Math.ceil(Math.sqrt(n));
    int rows = (int) Math.ceil(n / (double) cols);
    int tileW = even((width - GUTTER * (cols + 1)) / cols);
    int tileH = even((height - GUTTER * (rows + 1)) / rows);
    SequenceGenerator generator = new SequenceGenerator();
    List<SynthSequence> seqs = new ArrayList<>();
    for (SynthOptions o : participants) {
      seqs.add(generator.generate(o.withSize(tileW, tileH)));
    }
    double longest = seqs.stream().mapToDouble(s -> s.workout().seconds()).max().orElseThrow();
    for (int i = 0; i < n; i++) {
      SynthSequence s = seqs.get(i);
      double missing = longest - s.workout().seconds();
      if (missing > 0) {
        List<SetPlan> sets = new ArrayList<>(s.options().script().sets());
        sets.add(SetPlan.seconds(Exercise.STANDING, missing + 1));
        seqs.set(i, generator.generate(s.options().withScript(new WorkoutScript(sets))));
      }
    }
    int frames = seqs.stream().mapToInt(s -> s.workout().frames().size()).min().orElseThrow();
    double fps = seqs.get(0).options().fps();

    Files.createDirectories(dir);
    List<Map<String, Object>> tiles = new ArrayList<>();
    List<FrameRenderer> renderers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SynthSequence s = trimmed(seqs.get(i), frames);
      seqs.set(i, s);
      String name = String.format("participant-%02d", i + 1);
      LabelWriter.write(s, dir.resolve(name));
      renderers.add(new FrameRenderer(s.camera(), s.scene(), s.workout().body()));
      Map<String, Object> tile = new LinkedHashMap<>();
      tile.put("participant", name);
      tile.put("x", GUTTER + (i % cols) * (tileW + GUTTER));
      tile.put("y", GUTTER + (i / cols) * (tileH + GUTTER));
      tile.put("width", tileW);
      tile.put("height", tileH);
      tile.put("script", s.options().script().toString());
      tiles.add(tile);
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("width", width);
    layout.put("height", height);
    layout.put("fps", fps);
    layout.put("frames", frames);
    layout.put("tiles", tiles);
    LabelWriter.JSON.writeValue(dir.resolve(LAYOUT_FILE).toFile(), layout);

    try (Mp4Writer out = new Mp4Writer(dir.resolve(VideoRenderer.VIDEO_FILE), width, height, fps)) {
      for (int f = 0; f < frames; f++) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setColor(GUTTER_COLOUR);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < n; i++) {
          FrameTruth truth = seqs.get(i).workout().frames().get(f);
          BufferedImage tile = renderers.get(i).render(truth.skeleton(), truth.barHeight());
          g.drawImage(tile, (int) tiles.get(i).get("x"), (int) tiles.get(i).get("y"), null);
        }
        g.dispose();
        out.write(frame);
      }
    }
  }

  private static SynthSequence trimmed(SynthSequence s, int frames) {
    Workout w = s.workout();
    Workout workout = new Workout(w.script(), w.body(), w.fps(), w.frames().subList(0, frames),
        w.reps().stream().filter(r -> r.endFrame() < frames).toList());
    return new SynthSequence(s.options(), workout, s.camera(), s.scene(), s.truth().subList(0, frames),
        s.keypoints().subList(0, frames));
  }

  private static int even(int v) {
    return v - (v % 2);
  }
}
