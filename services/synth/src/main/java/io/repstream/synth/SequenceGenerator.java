package io.repstream.synth;

import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.camera.Camera;
import io.repstream.synth.camera.CameraRig;
import io.repstream.synth.camera.PoseProjection;
import io.repstream.synth.camera.ProjectedPose;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.Workout;
import io.repstream.synth.motion.WorkoutGenerator;
import io.repstream.synth.noise.NoisyKeypoints;
import io.repstream.synth.render.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a whole synthetic sequence from options. Each stage (body, motion, camera, scene, noise) draws from
 * its own random stream split off the seed, so the same seed always gives the same sequence.
 */
public final class SequenceGenerator {
  public SynthSequence generate(SynthOptions options) {
    Random seeds = new Random(options.seed());
    Random bodyRandom = new Random(seeds.nextLong());
    Random motionRandom = new Random(seeds.nextLong());
    Random cameraRandom = new Random(seeds.nextLong());
    Random sceneRandom = new Random(seeds.nextLong());
    Random noiseRandom = new Random(seeds.nextLong());

    BodyProportions body = BodyProportions.random(bodyRandom);
    // The webcam is set up first; people then arrange themselves on the mat with respect to it.
    Camera aim = CameraRig.randomAim(cameraRandom, options.width(), options.height());
    Workout workout = new WorkoutGenerator(options.fps(), options.tempo())
        .generate(options.script(), body, motionRandom, aim.yawDegrees());
    List<Skeleton> skeletons = workout.frames().stream().map(FrameTruth::skeleton).toList();
    Camera camera = CameraRig.frame(aim, skeletons, CameraRig.randomFill(cameraRandom));
    Scene scene = Scene.random(sceneRandom);

    PoseProjection projection = new PoseProjection(camera, body);
    NoisyKeypoints noise = options.noise().start(noiseRandom);
    List<ProjectedPose> truth = new ArrayList<>(skeletons.size());
    List<double[][]> keypoints = new ArrayList<>(skeletons.size());
    for (Skeleton s : skeletons) {
      ProjectedPose p = projection.project(s);
      truth.add(p);
      keypoints.add(noise.observe(p));
    }
    return new SynthSequence(options, workout, camera, scene, truth, keypoints);
  }
}
