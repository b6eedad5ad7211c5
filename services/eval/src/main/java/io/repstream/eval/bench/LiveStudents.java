package io.repstream.eval.bench;

import io.repstream.ingest.IngestService;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.stream.StreamState;
import io.repstream.ingest.stream.StreamStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Students on camera for as long as the benchmark runs: each plays the clips in turn at real time, starting at a
 * different clip, and moves to the next clip when one ends, the way a student's stream reconnects. The
 * participant id stays the same across clips, so the counter sees one student.
 */
final class LiveStudents {
  static final String CLASS_ID = "bench";

  private final IngestService ingest;
  private final List<Path> clips;
  private final List<Student> students = new ArrayList<>();
  private long streamsStarted;
  private long streamsDead;
  private long endedDropped;

  private static final class Student {
    final String participantId;
    int clip;
    int plays;
    String streamId;

    Student(String participantId, int clip) {
      this.participantId = participantId;
      this.clip = clip;
    }
  }

  LiveStudents(IngestService ingest, List<Path> clips) {
    if (clips.isEmpty()) {
      throw new IllegalArgumentException("no clips to play");
    }
    this.ingest = ingest;
    this.clips = List.copyOf(clips);
  }

  int size() {
    return students.size();
  }

  /** Adds students until there are {@code n}. */
  synchronized void growTo(int n) {
    while (students.size() < n) {
      Student s = new Student(String.format("student-%03d", students.size() + 1), students.size() % clips.size());
      students.add(s);
      play(s);
    }
  }

  /** Starts the next clip of every student whose clip ended. */
  synchronized void keepPlaying() {
    for (Student s : students) {
      StreamStatus st = ingest.status(s.streamId).orElse(null);
      if (st == null || st.state() == StreamState.ENDED || st.state() == StreamState.DEAD) {
        if (st != null) {
          endedDropped += st.framesDropped();
          streamsDead += st.state() == StreamState.DEAD ? 1 : 0;
          ingest.remove(s.streamId);
        }
        s.clip = (s.clip + 1) % clips.size();
        play(s);
      }
    }
  }

  /** Sampled frames ingest dropped because publishing fell behind, so far (ended clips included). */
  synchronized long framesDropped() {
    return ingest.status().stream().mapToLong(StreamStatus::framesDropped).sum() + endedDropped;
  }

  private void play(Student s) {
    s.streamId = s.participantId + "-" + (++s.plays);
    ingest.add(new RosterEntry(s.streamId, CLASS_ID, clips.get(s.clip).toAbsolutePath().toString(), s.participantId,
        null, null, null, "realtime", null));
    streamsStarted++;
  }

  synchronized long streamsStarted() {
    return streamsStarted;
  }

  synchronized long streamsDead() {
    return streamsDead;
  }
}
