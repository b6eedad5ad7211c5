package io.repstream.dashboard;

import io.repstream.schemas.ClassCommand;
import io.repstream.schemas.ClassControl;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Pose;
import io.repstream.schemas.RepEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The live picture of one class: every student's board plus the trainer's set and reset marks. */
final class ClassBoard {
  /** Students who need the trainer's attention come first on the page. */
  private static final List<String> ATTENTION_ORDER = List.of("STREAM_DOWN", "NOT_VISIBLE", "IDLE", "ACTIVE");

  final String classId;
  private final int eventsKept;
  private final Map<String, ParticipantBoard> participants = new TreeMap<>();
  private Instant setMark = Instant.EPOCH;
  private Instant resetMark = Instant.EPOCH;

  ClassBoard(String classId, int eventsKept) {
    this.classId = classId;
    this.eventsKept = eventsKept;
  }

  synchronized void status(ParticipantStatus s) {
    participant(s.getParticipantId()).status(s);
  }

  synchronized void rep(RepEvent e) {
    participant(e.getParticipantId()).rep(e);
  }

  synchronized void control(ClassControl c) {
    if (c.getCommand() == ClassCommand.RESET_COUNTS) {
      resetMark = later(resetMark, c.getIssuedAt());
    }
    // A reset also starts a new set.
    setMark = later(setMark, c.getIssuedAt());
  }

  synchronized void thumbnail(String participantId, byte[] jpeg) {
    participant(participantId).thumbnail(jpeg);
  }

  synchronized void pose(String participantId, Pose pose) {
    participant(participantId).pose(pose);
  }

  synchronized Optional<byte[]> thumbnailOf(String participantId) {
    ParticipantBoard p = participants.get(participantId);
    return p == null ? Optional.empty() : Optional.ofNullable(p.thumbnail());
  }

  synchronized Optional<Tile> tile(String participantId, boolean withPose) {
    ParticipantBoard p = participants.get(participantId);
    return p == null || !p.hasStatus() ? Optional.empty() : Optional.of(p.tile(classId, setMark, resetMark, withPose));
  }

  /** Tiles of every student the counter has reported, those needing attention first. */
  synchronized List<Tile> tiles(boolean withPose) {
    List<Tile> tiles = new ArrayList<>();
    for (ParticipantBoard p : participants.values()) {
      if (p.hasStatus()) {
        tiles.add(p.tile(classId, setMark, resetMark, withPose));
      }
    }
    tiles.sort(Comparator.comparingInt((Tile t) -> ATTENTION_ORDER.indexOf(t.state())).thenComparing(Tile::participantId));
    return tiles;
  }

  synchronized Optional<RepEventPage> repEvents(String participantId, long from, int limit) {
    ParticipantBoard p = participants.get(participantId);
    return p == null ? Optional.empty() : Optional.of(p.repEvents(from, limit));
  }

  private ParticipantBoard participant(String id) {
    return participants.computeIfAbsent(id, k -> new ParticipantBoard(k, eventsKept));
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  /** One page of a student's rep events and where the next page starts. */
  record RepEventPage(List<RepEvent> events, long next, long total) {}
}
