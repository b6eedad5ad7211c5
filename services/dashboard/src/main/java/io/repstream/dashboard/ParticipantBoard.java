package io.repstream.dashboard;

import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Pose;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One student as the dashboard knows them: the counter's latest status, their counted reps (kept as end
 * times so the trainer's set and reset marks can be applied whatever order the topics replay in), recent
 * rep events, and the newest thumbnail and pose. Guarded by the owning {@link ClassBoard}.
 */
final class ParticipantBoard {
  private record CountedRep(String exercise, int setNumber, Instant end) {}

  final String participantId;
  private final int eventsKept;
  private ParticipantStatus status;
  private final List<CountedRep> counted = new ArrayList<>();
  private final Deque<RepEvent> recent = new ArrayDeque<>();
  private long repEventsSeen;
  private byte[] thumbnail;
  private Pose pose;

  ParticipantBoard(String participantId, int eventsKept) {
    this.participantId = participantId;
    this.eventsKept = eventsKept;
  }

  void status(ParticipantStatus s) {
    if (status == null || !s.getUpdateTime().isBefore(status.getUpdateTime())) {
      status = s;
    }
  }

  void rep(RepEvent e) {
    repEventsSeen++;
    recent.addLast(e);
    while (recent.size() > eventsKept) {
      recent.removeFirst();
    }
    if (e.getKind() == RepKind.COUNTED) {
      counted.add(new CountedRep(e.getExercise(), e.getSetNumber(), e.getEndTime()));
    }
  }

  void thumbnail(byte[] jpeg) {
    thumbnail = jpeg;
  }

  void pose(Pose p) {
    pose = p;
  }

  byte[] thumbnail() {
    return thumbnail;
  }

  boolean hasStatus() {
    return status != null;
  }

  /**
   * Up to {@code limit} rep events, oldest first, from position {@code from} in this student's stream of
   * events (0 is the first ever seen); positions older than what is kept start at the oldest kept.
   */
  ClassBoard.RepEventPage repEvents(long from, int limit) {
    long position = repEventsSeen - recent.size();
    long start = Math.max(from, position);
    List<RepEvent> out = new ArrayList<>();
    for (RepEvent e : recent) {
      if (position >= start && out.size() < limit) {
        out.add(e);
      }
      position++;
    }
    return new ClassBoard.RepEventPage(out, start + out.size(), repEventsSeen);
  }

  Tile tile(String classId, Instant setMark, Instant resetMark, boolean withPose) {
    int currentSet = status != null ? status.getSetNumber()
        : counted.stream().mapToInt(CountedRep::setNumber).max().orElse(1);
    Instant setStart = setMark.isAfter(resetMark) ? setMark : resetMark;
    int inSet = 0;
    int inClass = 0;
    Map<String, Integer> byExercise = new TreeMap<>();
    for (CountedRep r : counted) {
      if (r.end().isBefore(resetMark)) {
        continue;
      }
      inClass++;
      byExercise.merge(r.exercise(), 1, Integer::sum);
      if (r.setNumber() == currentSet && !r.end().isBefore(setStart)) {
        inSet++;
      }
    }
    List<float[]> keypoints = new ArrayList<>();
    if (withPose && pose != null) {
      pose.getKeypoints().forEach(k -> keypoints.add(new float[] {k.getX(), k.getY(), k.getScore()}));
    }
    ParticipantStatus s = status;
    return new Tile(participantId, classId,
        s == null ? "ACTIVE" : s.getState().name(),
        s == null ? null : s.getExercise(),
        s == null ? "UNKNOWN" : s.getPhase().name(),
        currentSet, inSet, inClass, byExercise,
        s == null ? Map.of() : new TreeMap<>(s.getHoldSecondsByExercise()),
        s == null ? 0f : s.getRepsPerMinute(),
        s == null ? null : s.getLastRepMillis(),
        s != null && s.getLastRepPartial(),
        s == null ? 0L : s.getLastEventTime().toEpochMilli(),
        s == null ? 0L : s.getUpdateTime().toEpochMilli(),
        withPose && thumbnail != null,
        keypoints);
  }
}
