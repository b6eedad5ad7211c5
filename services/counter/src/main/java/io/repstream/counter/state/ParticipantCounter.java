package io.repstream.counter.state;

import io.repstream.counter.CountingParameters;
import io.repstream.counter.RepSource;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.catalogue.ExerciseProfile;
import io.repstream.counter.counting.HoldTimer;
import io.repstream.counter.counting.PeriodicMotionCounter;
import io.repstream.counter.counting.PhaseStateMachine;
import io.repstream.counter.counting.PresenceTracker;
import io.repstream.counter.counting.Repetition;
import io.repstream.counter.counting.SetTracker;
import io.repstream.counter.ordering.ReorderBuffer;
import io.repstream.counter.smoothing.ExerciseVote;
import io.repstream.counter.smoothing.PhaseHysteresis;
import io.repstream.counter.smoothing.PhaseProbabilities;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the counter knows about one participant, and the rules that move it on by one prediction: order,
 * smooth, count, place in sets, total. It is the value of the participant store; {@link #toBytes()} and
 * {@link #fromBytes} are its stored form, so a restarted instance resumes exactly where the changelog left it.
 */
public final class ParticipantCounter {
  /** Leading byte of the stored form; a stored value with another version is refused, not misread. */
  static final byte FORMAT_VERSION = 4;
  /**
   * The forms before the phase machine kept whether its rep began unnamed (3) and when its top began (2): still
   * read, so an upgrade keeps every count.
   */
  static final byte FORMAT_VERSION_BEFORE_STARTED_UNNAMED = 3;
  static final byte FORMAT_VERSION_BEFORE_TOP_SINCE = 2;
  private static final long NONE = Long.MIN_VALUE;
  private static final double MILLIS_PER_MINUTE = 60_000.0;
  private static final double MILLIS_PER_SECOND = 1000.0;
  private static final int INITIAL_STATE_BYTES = 16 * 1024;

  private final CountingParameters params;
  private final ExerciseCatalogue catalogue;

  private String classId = "";
  private String participantId = "";
  private final ReorderBuffer buffer;
  private final ExerciseVote vote;
  private final PhaseHysteresis hysteresis;
  private final PhaseStateMachine machine = new PhaseStateMachine();
  private final HoldTimer hold = new HoldTimer();
  private final PeriodicMotionCounter periodic;
  private final PresenceTracker presence;
  private final SetTracker sets = new SetTracker();
  private final Map<String, Integer> repsByExercise = new TreeMap<>();
  private final Map<String, Double> holdMillisByExercise = new TreeMap<>();
  private final Deque<Long> recentRepEnds = new ArrayDeque<>();
  private long lastRepMillis = NONE;
  private boolean lastRepPartial;
  private long lastEventTime = NONE;
  private long lastArrivalWall = NONE;
  private boolean streamDown;
  private ParticipantStatus lastStatus;
  /** Size of this participant's stored form last time: the buffer for the next one starts that big. */
  private int expectedSize = INITIAL_STATE_BYTES;

  public ParticipantCounter(CountingParameters params, ExerciseCatalogue catalogue) {
    this.params = params;
    this.catalogue = catalogue;
    this.buffer = new ReorderBuffer(params.reorderGrace().toMillis(), params.reorderMaxRecords());
    this.vote = new ExerciseVote(params.exerciseVoteFrames(), params.exerciseSwitchShare(), params.exerciseMinConfidence());
    this.hysteresis = new PhaseHysteresis(params.phaseEnter(), params.phaseExit());
    this.periodic = new PeriodicMotionCounter(params.periodicWindow().toMillis(), params.periodicMinAmplitude(),
        params.periodicHysteresis(), params.periodicRangeTrim(), params.periodicGlitchFactor(), params.periodicMinKeypointScore(),
        params.periodicMinCycle().toMillis(), params.periodicMaxCycle().toMillis());
    this.presence = new PresenceTracker(params.minPoseScore(), params.notVisibleAfter().toMillis(),
        params.idleAfter().toMillis(), params.movementThreshold());
  }

  /** A prediction arrived (wall-clock time {@code wallNow}); says whether it was taken or dropped as a repeat. */
  public ReorderBuffer.Admission offer(Prediction p, long wallNow) {
    classId = p.getClassId();
    participantId = p.getParticipantId();
    lastArrivalWall = wallNow;
    streamDown = false;
    return buffer.offer(p);
  }

  /** Counts every prediction the reorder buffer lets go; returns the repetitions they completed. */
  public List<RepEvent> advance() {
    return process(buffer.release());
  }

  /** Counts everything still buffered: frames stopped coming, so no hole will be filled. */
  public List<RepEvent> flush() {
    return process(buffer.drain());
  }

  private List<RepEvent> process(List<Prediction> ordered) {
    List<RepEvent> events = new ArrayList<>();
    for (Prediction p : ordered) {
      step(p, events);
    }
    return events;
  }

  private void step(Prediction p, List<RepEvent> events) {
    long t = p.getCaptureTime().toEpochMilli();
    lastEventTime = Math.max(lastEventTime, t);
    boolean visible = presence.observe(p.getPose(), t);
    if (!visible) {
      // Nobody (or nobody clearly) in the frame: its labels say nothing about the exercise or the phase.
      return;
    }
    String before = vote.current();
    LabelProbability top = topExercise(p);
    String exercise = vote.observe(top.getLabel(), top.getProbability());
    if (!Objects.equals(before, exercise)) {
      if (before != null) {
        // From unrecognised the rep under way is not a transition: the vote only took its frames to name it.
        machine.exerciseChanged();
      }
      hold.interrupt();
      // Counting by motion goes on through a change of name (a model unsure between two exercises would otherwise
      // stop every bout); only a hold, which is timed and not counted, breaks the movement's rhythm.
      if (params.repsFrom() == RepSource.PHASES || isHold(before) || isHold(exercise)) {
        periodic.disarm();
      }
    }
    periodic.add(p.getPose(), t);
    PhaseProbabilities phases = PhaseProbabilities.of(p);
    Phase phase = hysteresis.observe(phases);
    long maxGap = params.maxFrameGap().toMillis();
    if (exercise == null) {
      for (Repetition cycle : periodic.detect()) {
        emit(cycle, events);
      }
      if (params.repsFrom() == RepSource.PHASES) {
        // The vote needs a second or more of frames to name an exercise, by when the first rep is under way. The
        // machine follows the phases meanwhile so that rep counts once named; a rep it completes while nothing is
        // named is the motion counter's, as above.
        machine.observe(phase, phases.depth(), top.getProbability(), t, catalogue.profile(ExerciseCatalogue.UNRECOGNISED),
            maxGap);
      }
      return;
    }
    ExerciseProfile profile = catalogue.profile(exercise);
    if (profile.isHold()) {
      double seconds = hold.observe(phase, t, profile, maxGap);
      if (seconds > 0) {
        holdMillisByExercise.merge(exercise, seconds * MILLIS_PER_SECOND, Double::sum);
        sets.place(exercise, t, t, false, false, params.setRest().toMillis());
        presence.moved(t);
      }
      return;
    }
    if (params.repsFrom() == RepSource.MOTION) {
      for (Repetition cycle : periodic.detect()) {
        emit(new Repetition(cycle.kind(), cycle.method(), exercise, cycle.startTime(), cycle.endTime(),
            cycle.rangeOfMotion(), cycle.confidence()), events);
      }
      return;
    }
    Phase beforePhase = machine.phase();
    emit(machine.observe(phase, phases.depth(), probabilityOf(p, exercise), t, profile, maxGap), events);
    if (machine.phase() != beforePhase) {
      presence.moved(t);
    }
  }

  private boolean isHold(String exercise) {
    return exercise != null && catalogue.profile(exercise).isHold();
  }

  private void emit(Repetition rep, List<RepEvent> events) {
    if (rep == null) {
      return;
    }
    boolean transition = rep.kind() == RepKind.TRANSITION;
    int set = sets.place(rep.exercise(), rep.startTime(), rep.endTime(), rep.counted(), transition,
        params.setRest().toMillis());
    if (rep.counted()) {
      repsByExercise.merge(rep.exercise(), 1, Integer::sum);
      recentRepEnds.addLast(rep.endTime());
      presence.moved(rep.endTime());
    }
    if (!transition) {
      lastRepMillis = rep.durationMillis();
      lastRepPartial = rep.kind() == RepKind.PARTIAL;
    }
    events.add(RepEvent.newBuilder()
        .setClassId(classId)
        .setParticipantId(participantId)
        .setExercise(rep.exercise())
        .setKind(rep.kind())
        .setMethod(rep.method())
        .setSetNumber(set)
        .setRepNumber(sets.repsInSet())
        .setStartTime(Instant.ofEpochMilli(rep.startTime()))
        .setEndTime(Instant.ofEpochMilli(rep.endTime()))
        .setDurationMillis(rep.durationMillis())
        .setRangeOfMotion((float) rep.rangeOfMotion())
        .setConfidence((float) rep.confidence())
        .build());
  }

  private static LabelProbability topExercise(Prediction p) {
    LabelProbability best = null;
    for (LabelProbability lp : p.getExerciseProbabilities()) {
      if (best == null || lp.getProbability() > best.getProbability()) {
        best = lp;
      }
    }
    return best != null ? best : new LabelProbability(p.getExercise(), 1.0f);
  }

  private static double probabilityOf(Prediction p, String exercise) {
    if (p.getExerciseProbabilities().isEmpty()) {
      return exercise.equals(p.getExercise()) ? 1.0 : 0.0;
    }
    for (LabelProbability lp : p.getExerciseProbabilities()) {
      if (lp.getLabel().equals(exercise)) {
        return lp.getProbability();
      }
    }
    return 0.0;
  }

  /**
   * The stream is down, so the frames buffered are all there will be: they are counted, and then the rep the phase
   * machine saw returning to the top completes (see {@link PhaseStateMachine#streamEnded}).
   */
  public List<RepEvent> streamEnded() {
    List<RepEvent> events = flush();
    String exercise = vote.current();
    if (params.repsFrom() == RepSource.PHASES && exercise != null && !catalogue.profile(exercise).isHold()) {
      emit(machine.streamEnded(catalogue.profile(exercise)), events);
    }
    return events;
  }

  /** Wall-clock check: true when this participant just went STREAM_DOWN (no frames for {@code silenceMillis}). */
  public boolean checkStreamDown(long wallNow, long silenceMillis) {
    if (streamDown || lastArrivalWall == NONE || wallNow - lastArrivalWall < silenceMillis) {
      return false;
    }
    streamDown = true;
    return true;
  }

  /** Wall-clock check: no frame for longer than {@code millis}; the participant's class is long over. */
  public boolean silentFor(long wallNow, long millis) {
    return lastArrivalWall != NONE && wallNow - lastArrivalWall > millis;
  }

  /** Wall-clock check: frames stopped for at least the grace, so what is buffered should be counted now. */
  public boolean quietFor(long wallNow, long millis) {
    return buffer.size() > 0 && lastArrivalWall != NONE && wallNow - lastArrivalWall >= millis;
  }

  /** The current status if it differs from the last one returned (ignoring timestamps), else null. */
  public ParticipantStatus statusIfChanged(long wallNow) {
    ParticipantStatus s = status(wallNow);
    if (lastStatus != null) {
      ParticipantStatus comparable = ParticipantStatus.newBuilder(s)
          .setLastEventTime(lastStatus.getLastEventTime())
          .setUpdateTime(lastStatus.getUpdateTime())
          .build();
      if (comparable.equals(lastStatus)) {
        return null;
      }
    }
    lastStatus = s;
    return s;
  }

  public ParticipantStatus status(long wallNow) {
    ParticipantState state = streamDown ? ParticipantState.STREAM_DOWN : presence.state();
    Phase phase = Phase.UNKNOWN;
    String exercise = vote.current();
    if (exercise != null) {
      phase = catalogue.profile(exercise).isHold() ? (hold.holding() ? Phase.HOLD : Phase.UNKNOWN) : machine.phase();
    }
    Map<String, Float> holdSeconds = new HashMap<>();
    // Whole seconds: the trainer reads seconds, and the status need not change with every frame of a plank.
    holdMillisByExercise.forEach((k, v) -> holdSeconds.put(k, (float) Math.floor(v / MILLIS_PER_SECOND)));
    return ParticipantStatus.newBuilder()
        .setClassId(classId)
        .setParticipantId(participantId)
        .setState(state)
        .setExercise(exercise)
        .setPhase(phase)
        .setSetNumber(sets.setNumber())
        .setRepsInSet(sets.repsInSet())
        .setRepsByExercise(new HashMap<>(repsByExercise))
        .setHoldSecondsByExercise(holdSeconds)
        .setRepsPerMinute(repsPerMinute())
        .setLastRepMillis(lastRepMillis == NONE ? null : lastRepMillis)
        .setLastRepPartial(lastRepPartial)
        .setLastEventTime(Instant.ofEpochMilli(lastEventTime == NONE ? 0 : lastEventTime))
        .setUpdateTime(Instant.ofEpochMilli(wallNow))
        .build();
  }

  private float repsPerMinute() {
    long window = params.rateWindow().toMillis();
    while (!recentRepEnds.isEmpty() && recentRepEnds.peekFirst() <= lastEventTime - window) {
      recentRepEnds.removeFirst();
    }
    return (float) (recentRepEnds.size() * MILLIS_PER_MINUTE / window);
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedSize);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT_VERSION);
      out.writeUTF(classId);
      out.writeUTF(participantId);
      buffer.write(out);
      vote.write(out);
      out.writeByte(hysteresis.current().ordinal());
      machine.write(out);
      hold.write(out);
      periodic.write(out);
      presence.write(out);
      sets.write(out);
      out.writeInt(repsByExercise.size());
      for (Map.Entry<String, Integer> e : repsByExercise.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue());
      }
      out.writeInt(holdMillisByExercise.size());
      for (Map.Entry<String, Double> e : holdMillisByExercise.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      out.writeInt(recentRepEnds.size());
      for (long end : recentRepEnds) {
        out.writeLong(end);
      }
      out.writeLong(lastRepMillis);
      out.writeBoolean(lastRepPartial);
      out.writeLong(lastEventTime);
      out.writeLong(lastArrivalWall);
      out.writeBoolean(streamDown);
      out.writeBoolean(lastStatus != null);
      if (lastStatus != null) {
        ByteBuffer b = lastStatus.toByteBuffer();
        out.writeInt(b.remaining());
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
      }
      out.flush();
      expectedSize = Math.max(expectedSize, bytes.size());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the state of participant " + participantId, e);
    }
  }

  public static ParticipantCounter fromBytes(byte[] data, CountingParameters params, ExerciseCatalogue catalogue) {
    ParticipantCounter c = new ParticipantCounter(params, catalogue);
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      byte version = in.readByte();
      PhaseStateMachine.StoredForm machineForm = switch (version) {
        case FORMAT_VERSION -> PhaseStateMachine.StoredForm.CURRENT;
        case FORMAT_VERSION_BEFORE_STARTED_UNNAMED -> PhaseStateMachine.StoredForm.BEFORE_STARTED_UNNAMED;
        case FORMAT_VERSION_BEFORE_TOP_SINCE -> PhaseStateMachine.StoredForm.BEFORE_TOP_SINCE;
        default -> throw new IllegalStateException("stored participant state has format version " + version
            + ", this counter reads versions " + FORMAT_VERSION_BEFORE_TOP_SINCE + " to " + FORMAT_VERSION);
      };
      c.classId = in.readUTF();
      c.participantId = in.readUTF();
      c.buffer.read(in);
      c.vote.read(in);
      c.hysteresis.restore(Phase.values()[in.readByte()]);
      c.machine.read(in, machineForm);
      c.hold.read(in);
      c.periodic.read(in);
      c.presence.read(in);
      c.sets.read(in);
      int reps = in.readInt();
      for (int i = 0; i < reps; i++) {
        c.repsByExercise.put(in.readUTF(), in.readInt());
      }
      int holds = in.readInt();
      for (int i = 0; i < holds; i++) {
        c.holdMillisByExercise.put(in.readUTF(), in.readDouble());
      }
      int ends = in.readInt();
      for (int i = 0; i < ends; i++) {
        c.recentRepEnds.addLast(in.readLong());
      }
      c.lastRepMillis = in.readLong();
      c.lastRepPartial = in.readBoolean();
      c.lastEventTime = in.readLong();
      c.lastArrivalWall = in.readLong();
      c.streamDown = in.readBoolean();
      if (in.readBoolean()) {
        byte[] status = new byte[in.readInt()];
        in.readFully(status);
        c.lastStatus = ParticipantStatus.fromByteBuffer(ByteBuffer.wrap(status));
      }
      return c;
    } catch (IOException e) {
      throw new IllegalStateException("stored participant state is truncated or corrupt: " + e.getMessage(), e);
    }
  }
}
