package io.repstream.synth.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.body.Joint;
import io.repstream.synth.camera.ProjectedPose;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.RepTruth;
import io.repstream.synth.render.Appearance;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a sequence's labels: {@value #FRAMES_FILE} (one JSON object per frame: exercise, the classifier's label
 * (the exercise, or none), phase, rep, noisy
 * keypoints as [x, y, score] and true keypoints as [x, y, v] with COCO visibility v: 2 visible, 1 hidden by the
 * body, 0 outside the picture), {@value #REPS_FILE} (every rep with its frames and kind) and
 * {@value #META_FILE} (seed, script, camera, body, scene, models).
 */
public final class LabelWriter {
  public static final String FRAMES_FILE = "labels.jsonl";
  public static final String REPS_FILE = "reps.json";
  public static final String META_FILE = "meta.json";
  /** Decimal places kept for coordinates and scores: sub-pixel at any video size, and stable text. */
  static final double ROUNDING = 1e5;

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LabelWriter() {}

  public static void write(SynthSequence seq, Path dir) throws IOException {
    Files.createDirectories(dir);
    writeFrames(seq, dir.resolve(FRAMES_FILE));
    JSON.writeValue(dir.resolve(REPS_FILE).toFile(), reps(seq.workout().reps()));
    JSON.writeValue(dir.resolve(META_FILE).toFile(), meta(seq));
  }

  private static void writeFrames(SynthSequence seq, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      List<FrameTruth> frames = seq.workout().frames();
      for (int i = 0; i < frames.size(); i++) {
        FrameTruth f = frames.get(i);
        g.writeStartObject();
        g.writeNumberField("frame", f.frame());
        g.writeNumberField("t", round(f.seconds()));
        g.writeNumberField("set", f.set());
        g.writeStringField("exercise", f.exerciseLabel());
        g.writeStringField("label", f.classifierLabel());
        g.writeStringField("phase", f.phase().name());
        g.writeNumberField("depth", round(f.depth()));
        g.writeNumberField("repsDone", f.repsDone());
        g.writeNumberField("repId", f.repId());
        g.writeBooleanField("repStart", f.repStart());
        g.writeBooleanField("repEnd", f.repEnd());
        g.writeArrayFieldStart("keypoints");
        for (double[] k : seq.keypoints().get(i)) {
          g.writeStartArray();
          g.writeNumber(round(k[0]));
          g.writeNumber(round(k[1]));
          g.writeNumber(round(k[2]));
          g.writeEndArray();
        }
        g.writeEndArray();
        ProjectedPose t = seq.truth().get(i);
        g.writeArrayFieldStart("truth");
        for (int k = 0; k < Joint.COCO_COUNT; k++) {
          g.writeStartArray();
          g.writeNumber(round(t.x()[k]));
          g.writeNumber(round(t.y()[k]));
          g.writeNumber(!t.inFrame()[k] ? 0 : t.occluded()[k] ? 1 : 2);
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  static List<Map<String, Object>> reps(List<RepTruth> reps) {
    return reps.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("set", r.set());
      m.put("exercise", r.exercise().label());
      m.put("kind", r.kind().name());
      m.put("failed", r.failed());
      m.put("number", r.number());
      m.put("startFrame", r.startFrame());
      m.put("bottomFrame", r.bottomFrame());
      m.put("endFrame", r.endFrame());
      return m;
    }).toList();
  }

  static Map<String, Object> meta(SynthSequence seq) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seq.options().seed());
    m.put("script", seq.options().script().toString());
    m.put("fps", seq.options().fps());
    m.put("width", seq.options().width());
    m.put("height", seq.options().height());
    m.put("frames", seq.workout().frames().size());
    m.put("keypointOrder", Joint.coco().stream().map(Joint::label).toList());
    m.put("sets", setSummaries(seq));
    m.put("camera", seq.camera());
    m.put("body", seq.workout().body());
    Appearance a = seq.scene().appearance();
    Map<String, Object> scene = new LinkedHashMap<>();
    scene.put("backdrop", seq.scene().backdrop().kind().name());
    scene.put("skin", hex(a.skin()));
    scene.put("hair", hex(a.hair()));
    scene.put("shirt", hex(a.shirt()));
    scene.put("pants", hex(a.pants()));
    scene.put("longSleeves", a.longSleeves());
    scene.put("longPants", a.longPants());
    scene.put("brightness", seq.scene().lighting().brightness());
    m.put("scene", scene);
    m.put("tempo", seq.options().tempo());
    m.put("noise", seq.options().noise());
    return m;
  }

  private static List<Map<String, Object>> setSummaries(SynthSequence seq) {
    var sets = seq.options().script().sets();
    return java.util.stream.IntStream.range(0, sets.size()).mapToObj(i -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("exercise", sets.get(i).exercise().label());
      s.put("mode", sets.get(i).exercise().mode().name());
      s.put("repsAsked", sets.get(i).reps());
      s.put("seconds", sets.get(i).seconds());
      s.put("countedReps", seq.workout().countedReps(i));
      return s;
    }).toList();
  }

  private static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  static double round(double v) {
    return Math.round(v * ROUNDING) / ROUNDING;
  }
}
