package io.repstream.dashboard;

import io.repstream.schemas.ClassControl;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Pose;
import io.repstream.schemas.RepEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every class's board, fed from the count topics, with listeners told which student changed. */
final class ClassBoards {
  /** What changed, so the page gets a tile update for a count and a lighter pose update for a frame or skeleton. */
  enum Change { TILE, POSE, CLASS }

  interface Listener {
    void changed(String classId, String participantId, Change change);
  }

  private final int eventsKept;
  private final Map<String, ClassBoard> classes = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  ClassBoards(int eventsKept) {
    this.eventsKept = eventsKept;
  }

  void listen(Listener l) {
    listeners.add(l);
  }

  Optional<ClassBoard> board(String classId) {
    return Optional.ofNullable(classes.get(classId));
  }

  ClassBoard boardOrNew(String classId) {
    return classes.computeIfAbsent(classId, id -> new ClassBoard(id, eventsKept));
  }

  void status(ParticipantStatus s) {
    boardOrNew(s.getClassId()).status(s);
    fire(s.getClassId(), s.getParticipantId(), Change.TILE);
  }

  void rep(RepEvent e) {
    boardOrNew(e.getClassId()).rep(e);
    fire(e.getClassId(), e.getParticipantId(), Change.TILE);
  }

  void control(ClassControl c) {
    boardOrNew(c.getClassId()).control(c);
    fire(c.getClassId(), null, Change.CLASS);
  }

  void thumbnail(String classId, String participantId, byte[] jpeg) {
    boardOrNew(classId).thumbnail(participantId, jpeg);
    fire(classId, participantId, Change.POSE);
  }

  void pose(String classId, String participantId, Pose pose) {
    boardOrNew(classId).pose(participantId, pose);
    fire(classId, participantId, Change.POSE);
  }

  private void fire(String classId, String participantId, Change change) {
    for (Listener l : listeners) {
      l.changed(classId, participantId, change);
    }
  }
}
