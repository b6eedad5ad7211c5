package io.repstream.ingest.sample;

/**
 * Picks frames at a fixed rate by their event time, not by arrival: time is cut into slots of
 * {@code 1/fps} from the first frame, and the first frame to fall into each new slot is kept. A source slower
 * than the rate gives every frame; a faster one gives one frame per slot, so over any stretch the count is the
 * stretch's length times the rate. After a gap the slots restart at the next frame. A frame whose time is not after the last kept frame's is refused, which
 * keeps the output strictly ordered even when a camera's timestamps jump back.
 */
public final class FrameSampler {
  private static final double MICROS_PER_SECOND = 1_000_000.0;

  private final long intervalMicros;
  private long originMicros;
  private long lastSlot = -1;
  private long lastKeptMicros;
  private boolean started;

  public FrameSampler(double fps) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("sampling rate must be positive, got " + fps);
    }
    this.intervalMicros = Math.max(1, Math.round(MICROS_PER_SECOND / fps));
  }

  public long intervalMicros() {
    return intervalMicros;
  }

  /** Whether to keep the frame with this event time (microseconds on any clock that only moves forward). */
  public boolean accept(long eventMicros) {
    if (!started) {
      started = true;
      originMicros = eventMicros;
    } else if (eventMicros <= lastKeptMicros) {
      return false;
    }
    long slot = Math.floorDiv(eventMicros - originMicros, intervalMicros);
    if (slot <= lastSlot) {
      return false;
    }
    if (slot > lastSlot + 1) {
      // A gap (a reconnect, lost packets, a source slower than the rate): restart the slots at this frame, so
      // the next sample is a whole interval after it rather than wherever the old slot grid happened to end.
      originMicros = eventMicros;
      slot = 0;
    }
    lastSlot = slot;
    lastKeptMicros = eventMicros;
    return true;
  }
}
