package io.repstream.synth;

import io.repstream.synth.camera.Camera;
import io.repstream.synth.camera.ProjectedPose;
import io.repstream.synth.motion.Workout;
import io.repstream.synth.render.Scene;
import java.util.List;

/**
 * One synthetic participant: the workout with its truth, the camera that films it, how the scene looks, the
 * true projected keypoints and the noisy keypoints an estimator would report (rows of x, y, score).
 */
public record SynthSequence(SynthOptions options, Workout workout, Camera camera, Scene scene,
    List<ProjectedPose> truth, List<double[][]> keypoints) {}
