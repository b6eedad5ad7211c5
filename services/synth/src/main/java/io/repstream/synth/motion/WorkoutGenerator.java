package io.repstream.synth.motion;

import io.repstream.schemas.Phase;
import io.repstream.schemas.RepKind;
import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.Dof;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a workout script into a frame-by-frame timeline with exact labels. Each set is a chain of strokes
 * (depth going from one value to another, or held); each rep is the strokes from leaving the top to coming
 * back to it. Between sets the person moves from one position to the next in a labelled transition.
 */
public final class WorkoutGenerator {
  /** Shortest hold at a turning point, in frames, so every reached top or bottom shows in some frame. */
  static final double MIN_TURN_FRAMES = 1.5;
  static final double MIN_SPEED = 0.6;
  static final double MAX_SPEED = 1.7;
  static final double SPEED_UP = 0.65;
  static final double SLOW_DOWN = 1.5;
  /** Fraction of a rep spent going from the top to the bottom. */
  static final double MIN_DOWN_FRACTION = 0.38;
  static final double MAX_DOWN_FRACTION = 0.52;
  static final double MAX_BOTTOM_HOLD_FRACTION = 0.12;
  static final double MAX_TOP_HOLD_FRACTION = 0.12;
  static final double MIN_PAUSE_SECONDS = 0.5;
  static final double MAX_PAUSE_SECONDS = 2.0;
  static final double MIN_PARTIAL_DEPTH = 0.35;
  static final double MAX_PARTIAL_DEPTH = 0.7;
  /** A failed rep rises to this depth range before sinking back. */
  static final double MIN_FAILED_RISE = 0.45;
  static final double MAX_FAILED_RISE = 0.65;
  /** Shares of a rep's duration for a failed rep's strokes, and its stall and final rest. */
  static final double FAILED_DOWN_SHARE = 0.5;
  static final double FAILED_BOTTOM_SHARE = 0.2;
  static final double FAILED_RISE_SHARE = 0.6;
  static final double FAILED_SINK_SHARE = 0.4;
  static final double MIN_FAILED_STALL_SECONDS = 0.3;
  static final double MAX_FAILED_STALL_SECONDS = 0.8;
  static final double MIN_FAILED_REST_SECONDS = 0.5;
  static final double MAX_FAILED_REST_SECONDS = 1.2;
  /** No rep, however fast the tempo gets, is shorter than this. */
  static final double MIN_REP_SECONDS = 0.4;
  /** Exercises with reps at least this long (strength moves) can end a set in failure. */
  static final double MIN_FAILABLE_REP_SECONDS = 2.0;
  static final double MIN_SET_EDGE_SECONDS = 0.4;
  static final double MAX_SET_EDGE_SECONDS = 1.2;
  static final double MIN_TRANSITION_SECONDS = 1.2;
  static final double MAX_TRANSITION_SECONDS = 2.4;
  /** Spread of the direction a person faces from set to set, degrees. */
  static final double FACING_SPREAD = 20;
  /** Share of floor sets done across the camera's view rather than head towards it. */
  static final double ACROSS_SHARE = 0.7;
  /** Spread of where a person stands from set to set, metres. */
  static final double POSITION_SPREAD = 0.15;
  /** Amplitude of the small involuntary head and trunk movements, degrees. */
  static final double WOBBLE_DEGREES = 4;

  private final double fps;
  private final TempoModel tempo;

  public WorkoutGenerator(double fps, TempoModel tempo) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("fps must be positive, got " + fps);
    }
    this.fps = fps;
    this.tempo = tempo;
  }

  /** A workout filmed from the front (camera yaw 0). */
  public Workout generate(WorkoutScript script, BodyProportions body, Random random) {
    return generate(script, body, random, 0);
  }

  /**
   * A workout for a webcam looking from {@code cameraYaw} degrees (0 = from +Z towards the origin): floor
   * exercises are laid out with respect to it.
   */
  public Workout generate(WorkoutScript script, BodyProportions body, Random random, double cameraYaw) {
    ForwardKinematics fk = new ForwardKinematics(body);
    Wobble wobble = new Wobble(random);
    List<SetTrack> tracks = new ArrayList<>();
    List<RepTruth.Builder> reps = new ArrayList<>();
    for (int i = 0; i < script.sets().size(); i++) {
      tracks.add(buildSet(i, script.sets().get(i), fk, random, reps, cameraYaw));
    }

    List<FrameTruth> frames = new ArrayList<>();
    int setIndex = 0;
    double setStart = 0;
    int frame = 0;
    while (setIndex < tracks.size()) {
      SetTrack track = tracks.get(setIndex);
      double setEnd = setStart + track.seconds();
      double transitionEnd = setEnd + (setIndex + 1 < tracks.size() ? track.transitionSeconds : 0);
      for (; frame / fps < transitionEnd - 1e-9; frame++) {
        double t = frame / fps;
        if (t < setEnd) {
          frames.add(track.frame(frame, t, t - setStart, fk, wobble));
        } else {
          SetTrack next = tracks.get(setIndex + 1);
          double u = smooth((t - setEnd) / track.transitionSeconds);
          Placement p = Placement.between(fk, track.endPlacement(fk), next.startPlacement(fk), u,
              pose -> wobble.apply(pose, t));
          frames.add(new FrameTruth(frame, t, -1, null, Phase.UNKNOWN, 0, 0, -1, false, false, p.skeleton(fk),
              p.barHeight()));
        }
      }
      setStart = transitionEnd;
      setIndex++;
    }
    return new Workout(script, body, fps, labelReps(frames, reps), reps.stream().map(RepTruth.Builder::build).toList());
  }

  /** Fills in rep boundaries and running counts from the rep each frame belongs to. */
  private static List<FrameTruth> labelReps(List<FrameTruth> frames, List<RepTruth.Builder> reps) {
    for (FrameTruth f : frames) {
      if (f.repId() >= 0) {
        RepTruth.Builder r = reps.get(f.repId());
        if (r.startFrame < 0) {
          r.startFrame = f.frame();
        }
        r.endFrame = f.frame();
        if (f.phase() == Phase.BOTTOM && r.bottomFrame < 0) {
          r.bottomFrame = f.frame();
        }
      }
    }
    List<FrameTruth> labelled = new ArrayList<>(frames.size());
    int done = 0;
    int set = -1;
    for (FrameTruth f : frames) {
      if (f.set() != set) {
        set = f.set();
        done = 0;
      }
      boolean start = false;
      boolean end = false;
      if (f.repId() >= 0) {
        RepTruth.Builder r = reps.get(f.repId());
        start = r.startFrame == f.frame();
        end = r.endFrame == f.frame();
        if (end && r.kind == RepKind.COUNTED) {
          done++;
        }
      }
      labelled.add(new FrameTruth(f.frame(), f.seconds(), f.set(), f.exercise(), f.phase(), f.depth(), done,
          f.repId(), start, end, f.skeleton(), f.barHeight()));
    }
    return labelled;
  }

  private SetTrack buildSet(int index, SetPlan plan, ForwardKinematics fk, Random random,
      List<RepTruth.Builder> reps, double cameraYaw) {
    Exercise exercise = plan.exercise();
    Motion motion = exercise.factory().create(random, fk);
    double yaw = facing(exercise, random, cameraYaw);
    Vec3 origin = new Vec3(random.nextGaussian() * POSITION_SPREAD, 0, random.nextGaussian() * POSITION_SPREAD);
    PlacedPose first = motion.pose(RepPoint.at(0));
    double bar = first.support() == Support.BAR ? Placement.barHeightFor(fk, first.pose()) : Double.NaN;
    SetTrack track = new SetTrack(index, exercise, motion, yaw, origin, bar,
        random.nextDouble(MIN_TRANSITION_SECONDS, MAX_TRANSITION_SECONDS));
    if (exercise.mode() != Exercise.Mode.REPS) {
      track.hold(plan.seconds(), -1);
      return track;
    }
    double minTurn = MIN_TURN_FRAMES / fps;
    track.hold(random.nextDouble(MIN_SET_EDGE_SECONDS, MAX_SET_EDGE_SECONDS), -1);
    double speed = 1;
    int counted = 0;
    boolean fails = exercise.repSeconds() >= MIN_FAILABLE_REP_SECONDS
        && random.nextDouble() < tempo.failedSetProbability();
    while (counted < plan.reps()) {
      if (random.nextDouble() < tempo.pauseProbability()) {
        track.hold(random.nextDouble(MIN_PAUSE_SECONDS, MAX_PAUSE_SECONDS), -1);
      }
      double seconds = Math.max(MIN_REP_SECONDS, exercise.repSeconds() * speed * (1 + tempo.jitter() * random.nextGaussian()));
      double down = seconds * random.nextDouble(MIN_DOWN_FRACTION, MAX_DOWN_FRACTION);
      if (random.nextDouble() < tempo.partialProbability()) {
        double depth = random.nextDouble(MIN_PARTIAL_DEPTH, MAX_PARTIAL_DEPTH);
        int id = newRep(reps, index, exercise, RepKind.PARTIAL, false, counted);
        track.move(0, depth, down * depth, id, false);
        track.move(depth, 0, (seconds - down) * depth, id, true);
        track.hold(minTurn + random.nextDouble() * seconds * MAX_TOP_HOLD_FRACTION, -1);
      }
      counted++;
      int id = newRep(reps, index, exercise, RepKind.COUNTED, false, counted);
      double bottomHold = minTurn + random.nextDouble() * seconds * MAX_BOTTOM_HOLD_FRACTION;
      track.move(0, 1, down, id, false);
      track.hold(bottomHold, id);
      track.move(1, 0, Math.max(minTurn, seconds - down - bottomHold), id, true);
      track.hold(minTurn + random.nextDouble() * seconds * MAX_TOP_HOLD_FRACTION, -1);
      speed *= Math.exp(tempo.driftPerRep() * random.nextGaussian());
      if (random.nextDouble() < tempo.speedChangeProbability()) {
        speed *= random.nextBoolean() ? SPEED_UP : SLOW_DOWN;
      }
      speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed));
    }
    if (fails) {
      double seconds = exercise.repSeconds() * speed;
      double rise = random.nextDouble(MIN_FAILED_RISE, MAX_FAILED_RISE);
      int id = newRep(reps, index, exercise, RepKind.PARTIAL, true, counted);
      // Down at a normal pace, a struggle half way up, a stall, then giving in and staying down.
      track.move(0, 1, seconds * FAILED_DOWN_SHARE, id, false);
      track.hold(minTurn + FAILED_BOTTOM_SHARE * seconds, id);
      track.move(1, rise, seconds * FAILED_RISE_SHARE, id, true);
      track.hold(random.nextDouble(MIN_FAILED_STALL_SECONDS, MAX_FAILED_STALL_SECONDS), id);
      track.move(rise, 1, seconds * FAILED_SINK_SHARE, id, false);
      track.hold(random.nextDouble(MIN_FAILED_REST_SECONDS, MAX_FAILED_REST_SECONDS), id);
    } else {
      track.hold(random.nextDouble(MIN_SET_EDGE_SECONDS, MAX_SET_EDGE_SECONDS), -1);
    }
    return track;
  }

  /**
   * Which way a person turns for a set (the yaw of their chest's direction). Standing, they face the room.
   * On a mat in front of a webcam they lie across its view, or face down with the head towards it; nobody
   * lies with the feet towards it, from where a body on its back is a pair of knees.
   */
  static double facing(Exercise exercise, Random random, double cameraYaw) {
    double jitter = random.nextGaussian() * FACING_SPREAD;
    double across = cameraYaw + (random.nextBoolean() ? 90 : -90);
    boolean crossways = random.nextDouble() < ACROSS_SHARE;
    return switch (exercise) {
      // On the back the head points away from the chest's facing direction.
      case SIT_UP, GLUTE_BRIDGE -> (crossways ? across : cameraYaw + 180) + jitter;
      case PUSH_UP, PLANK, MOUNTAIN_CLIMBER, BURPEE -> (crossways ? across : cameraYaw) + jitter;
      default -> jitter;
    };
  }

  private static int newRep(List<RepTruth.Builder> reps, int set, Exercise exercise, RepKind kind, boolean failed,
      int number) {
    RepTruth.Builder r = new RepTruth.Builder(reps.size(), set, exercise, kind, failed, number);
    reps.add(r);
    return r.id;
  }

  static double smooth(double u) {
    double c = Math.max(0, Math.min(1, u));
    return c * c * (3 - 2 * c);
  }

  /** One depth change, or a hold when from equals to. */
  private record Stroke(double start, double seconds, double from, double to, int repId, boolean rising,
      int repIndex) {
    double depthAt(double t) {
      return from + (to - from) * smooth((t - start) / seconds);
    }
  }

  /** A set laid out in time. */
  private final class SetTrack {
    final int index;
    final Exercise exercise;
    final Motion motion;
    final double yaw;
    final Vec3 origin;
    final double barHeight;
    final double transitionSeconds;
    final List<Stroke> strokes = new ArrayList<>();
    double length;
    int repIndex = -1;
    int lastRepId = -1;

    SetTrack(int index, Exercise exercise, Motion motion, double yaw, Vec3 origin, double barHeight,
        double transitionSeconds) {
      this.index = index;
      this.exercise = exercise;
      this.motion = motion;
      this.yaw = yaw;
      this.origin = origin;
      this.barHeight = barHeight;
      this.transitionSeconds = transitionSeconds;
    }

    double seconds() {
      return length;
    }

    void hold(double seconds, int repId) {
      double depth = strokes.isEmpty() ? 0 : strokes.get(strokes.size() - 1).to;
      boolean rising = !strokes.isEmpty() && strokes.get(strokes.size() - 1).rising;
      add(seconds, depth, depth, repId, rising);
    }

    void move(double from, double to, double seconds, int repId, boolean rising) {
      add(seconds, from, to, repId, rising);
    }

    private void add(double seconds, double from, double to, int repId, boolean rising) {
      if (repId >= 0 && repId != lastRepId) {
        repIndex++;
        lastRepId = repId;
      }
      strokes.add(new Stroke(length, seconds, from, to, repId, rising, Math.max(0, repIndex)));
      length += seconds;
    }

    private Stroke strokeAt(double t) {
      for (Stroke s : strokes) {
        if (t < s.start + s.seconds) {
          return s;
        }
      }
      return strokes.get(strokes.size() - 1);
    }

    FrameTruth frame(int frame, double t, double inSet, ForwardKinematics fk, Wobble wobble) {
      Stroke s = strokeAt(inSet);
      double depth = exercise.mode() == Exercise.Mode.REPS ? s.depthAt(inSet) : 0;
      Phase phase = switch (exercise.mode()) {
        case REPS -> PhaseThresholds.of(depth);
        case HOLD -> Phase.HOLD;
        case IDLE -> Phase.UNKNOWN;
      };
      PlacedPose placed = motion.pose(new RepPoint(depth, s.rising, s.repIndex, inSet));
      placed = new PlacedPose(wobble.apply(placed.pose(), t), placed.support(), placed.anchors(), placed.anchorAt(),
          placed.lift());
      Placement p = Placement.of(fk, placed, yaw, origin, barHeight);
      return new FrameTruth(frame, t, index, exercise, phase, depth, 0, s.repId, false, false, p.skeleton(fk),
          p.barHeight());
    }

    Placement place(ForwardKinematics fk, RepPoint point) {
      return Placement.of(fk, motion.pose(point), yaw, origin, barHeight);
    }

    Placement startPlacement(ForwardKinematics fk) {
      return place(fk, new RepPoint(0, false, 0, 0));
    }

    Placement endPlacement(ForwardKinematics fk) {
      Stroke last = strokes.get(strokes.size() - 1);
      double depth = exercise.mode() == Exercise.Mode.REPS ? last.to : 0;
      return place(fk, new RepPoint(depth, last.rising, last.repIndex, length));
    }
  }

  /** Small, smooth, involuntary movements of the head and trunk so that no two frames are rigidly alike. */
  private static final class Wobble {
    private static final double MIN_WOBBLE_HZ = 0.05;
    private static final double MAX_WOBBLE_HZ = 0.5;
    /** Weight of the second, independent sinusoid in each angle's wobble. */
    private static final double SECOND_TONE = 0.5;
    /** The whole body sways sideways less than the head turns. */
    private static final double ROLL_SHARE = 0.25;
    private static final Dof[] DOFS = {Dof.HEAD_YAW, Dof.NECK_FLEX, Dof.SPINE_TWIST, Dof.ROOT_ROLL};
    private final double[] hz = new double[DOFS.length * 2];
    private final double[] phase = new double[DOFS.length * 2];

    Wobble(Random random) {
      for (int i = 0; i < hz.length; i++) {
        hz[i] = random.nextDouble(MIN_WOBBLE_HZ, MAX_WOBBLE_HZ);
        phase[i] = random.nextDouble(0, 2 * Math.PI);
      }
    }

    BodyPose apply(BodyPose pose, double t) {
      BodyPose.Builder b = pose.toBuilder();
      for (int i = 0; i < DOFS.length; i++) {
        double w = Math.sin(2 * Math.PI * hz[2 * i] * t + phase[2 * i])
            + SECOND_TONE * Math.sin(2 * Math.PI * hz[2 * i + 1] * t + phase[2 * i + 1]);
        double scale = DOFS[i] == Dof.ROOT_ROLL ? ROLL_SHARE : 1;
        b.add(DOFS[i], WOBBLE_DEGREES * scale * w / (1 + SECOND_TONE));
      }
      return b.build();
    }
  }
}
