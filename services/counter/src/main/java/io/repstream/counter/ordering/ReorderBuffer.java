package io.repstream.counter.ordering;

import io.repstream.schemas.Prediction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts one participant's predictions back in capture order and drops repeats. A prediction that directly follows
 * the last one released (next sequence number) passes at once; one that follows a hole waits until the hole is
 * filled or until it is older than the grace period behind the newest capture time seen, so the delay it adds is
 * bounded. Anything at or before what was already released is a duplicate (or too late to place) and is
 * dropped; ordering is by capture time first, so an ingest restart that starts sequence numbers again at 0 is
 * taken for new frames, not duplicates.
 */
public final class ReorderBuffer {
  private static final long NONE = Long.MIN_VALUE;
  private static final Comparator<Position> ORDER =
      Comparator.comparingLong(Position::captureTime).thenComparingLong(Position::sequence);

  private final long graceMillis;
  private final int maxRecords;
  private final TreeMap<Position, Prediction> pending = new TreeMap<>(ORDER);
  private long releasedTime = NONE;
  private long releasedSequence = NONE;
  private long newestSeen = NONE;

  /** Where a prediction sits in a participant's stream. */
  public record Position(long captureTime, long sequence) {}

  /**
   * What became of an offered prediction: ACCEPTED; REPEATED, the same frame is pending or was the last released;
   * BEHIND, it sits before what was already released (an older repeat, or a frame later than the grace).
   */
  public enum Admission { ACCEPTED, REPEATED, BEHIND }

  public ReorderBuffer(long graceMillis, int maxRecords) {
    this.graceMillis = graceMillis;
    this.maxRecords = maxRecords;
  }

  public Admission offer(Prediction p) {
    Position pos = new Position(p.getCaptureTime().toEpochMilli(), p.getSequence());
    if (releasedTime != NONE) {
      int c = ORDER.compare(pos, new Position(releasedTime, releasedSequence));
      if (c == 0) {
        return Admission.REPEATED;
      }
      if (c < 0) {
        return Admission.BEHIND;
      }
    }
    if (pending.containsKey(pos) || pendingSequence(p.getSequence())) {
      return Admission.REPEATED;
    }
    pending.put(pos, p);
    newestSeen = Math.max(newestSeen, pos.captureTime());
    return Admission.ACCEPTED;
  }

  private boolean pendingSequence(long sequence) {
    for (Position q : pending.keySet()) {
      if (q.sequence() == sequence) {
        return true;
      }
    }
    return false;
  }

  /** Predictions that may go on now, in order: the contiguous run, those past the grace, and overflow. */
  public List<Prediction> release() {
    List<Prediction> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      Position head = pending.firstKey();
      boolean contiguous = releasedSequence != NONE && head.sequence() == releasedSequence + 1;
      boolean expired = head.captureTime() <= newestSeen - graceMillis;
      if (!contiguous && !expired && pending.size() <= maxRecords) {
        break;
      }
      out.add(take());
    }
    return out;
  }

  /** Everything pending, in order: the stream stopped, nothing is coming to fill the holes. */
  public List<Prediction> drain() {
    List<Prediction> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      out.add(take());
    }
    return out;
  }

  private Prediction take() {
    var e = pending.pollFirstEntry();
    releasedTime = e.getKey().captureTime();
    releasedSequence = e.getKey().sequence();
    return e.getValue();
  }

  public int size() {
    return pending.size();
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(releasedTime);
    out.writeLong(releasedSequence);
    out.writeLong(newestSeen);
    out.writeInt(pending.size());
    for (Prediction p : pending.values()) {
      ByteBuffer b = p.toByteBuffer();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  public void read(DataInput in) throws IOException {
    releasedTime = in.readLong();
    releasedSequence = in.readLong();
    newestSeen = in.readLong();
    pending.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      Prediction p = Prediction.fromByteBuffer(ByteBuffer.wrap(bytes));
      pending.put(new Position(p.getCaptureTime().toEpochMilli(), p.getSequence()), p);
    }
  }
}
