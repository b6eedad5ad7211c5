package io.repstream.counter.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.counter.ordering.ReorderBuffer.Admission;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
  private static final long GRACE = 500;
  private static final long FRAME = 100;

  private static Prediction p(long seq) {
    return p(seq, 1_000_000 + seq * FRAME);
  }

  private static Prediction p(long seq, long time) {
    return Prediction.newBuilder().setClassId("c").setParticipantId("a").setStreamId("s").setSequence(seq)
        .setCaptureTime(Instant.ofEpochMilli(time)).setIngestTime(Instant.ofEpochMilli(time))
        .setPredictTime(Instant.ofEpochMilli(time)).setExercise("squat").setExerciseProbabilities(List.of())
        .setPhase(Phase.TOP).setPhaseProbabilities(List.of()).setModelName("m").setModelVersion("1")
        .setInferenceMillis(0).build();
  }

  private static List<Long> seqs(List<Prediction> ps) {
    return ps.stream().map(Prediction::getSequence).toList();
  }

  @Test
  void inOrderFramesPassAtOnceAfterTheFirst() {
    ReorderBuffer b = new ReorderBuffer(GRACE, 100);
    b.offer(p(0));
    assertThat(b.release()).as("the first frame waits: an earlier one may still come").isEmpty();
    for (long s = 1; s <= 5; s++) {
      b.offer(p(s));
    }
    assertThat(seqs(b.release())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    b.offer(p(6));
    assertThat(seqs(b.release())).containsExactly(6L);
  }

  @Test
  void aLateFrameWithinTheGraceIsPutBackInPlace() {
    ReorderBuffer b = new ReorderBuffer(GRACE, 100);
    for (long s : new long[] {0, 1, 2, 3, 4, 5, 6}) {
      b.offer(p(s));
    }
    assertThat(seqs(b.release())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    b.offer(p(8));
    b.offer(p(9));
    assertThat(b.release()).isEmpty();
    b.offer(p(7));
    assertThat(seqs(b.release())).containsExactly(7L, 8L, 9L);
  }

  @Test
  void aHoleIsGivenUpOnceTheGraceHasPassed() {
    ReorderBuffer b = new ReorderBuffer(GRACE, 100);
    for (long s = 0; s <= 6; s++) {
      b.offer(p(s));
    }
    b.release();
    b.offer(p(8));
    assertThat(b.release()).isEmpty();
    for (long s = 9; s <= 13; s++) {
      b.offer(p(s));
    }
    assertThat(seqs(b.release())).containsExactly(8L, 9L, 10L, 11L, 12L, 13L);
    assertThat(b.offer(p(7))).isEqualTo(Admission.BEHIND);
  }

  @Test
  void repeatsAreRefusedWhetherPendingOrReleased() {
    ReorderBuffer b = new ReorderBuffer(GRACE, 100);
    for (long s = 0; s <= 6; s++) {
      b.offer(p(s));
    }
    b.release();
    assertThat(b.offer(p(6))).isEqualTo(Admission.REPEATED);
    assertThat(b.offer(p(3))).isEqualTo(Admission.BEHIND);
    assertThat(b.offer(p(9))).isEqualTo(Admission.ACCEPTED);
    assertThat(b.offer(p(9))).isEqualTo(Admission.REPEATED);
  }

  @Test
  void sequenceNumbersStartingAgainWithNewerCaptureTimesAreNewFrames() {
    ReorderBuffer b = new ReorderBuffer(GRACE, 100);
    for (long s = 0; s <= 20; s++) {
      b.offer(p(s));
    }
    b.release();
    long restart = 1_000_000 + 60_000;
    assertThat(b.offer(p(0, restart))).isEqualTo(Admission.ACCEPTED);
    b.offer(p(1, restart + FRAME));
    assertThat(b.drain()).hasSize(2);
  }

  @Test
  void overflowReleasesTheOldest() {
    ReorderBuffer b = new ReorderBuffer(GRACE, 3);
    b.offer(p(0));
    b.offer(p(2));
    b.offer(p(3));
    b.offer(p(4));
    assertThat(seqs(b.release())).containsExactly(0L);
  }

  @Test
  void survivesAStoreRoundTrip() throws IOException {
    ReorderBuffer b = new ReorderBuffer(GRACE, 100);
    for (long s : new long[] {0, 1, 2, 3, 4, 5, 6, 8, 9}) {
      b.offer(p(s));
    }
    b.release();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    b.write(new DataOutputStream(bytes));
    ReorderBuffer copy = new ReorderBuffer(GRACE, 100);
    copy.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(copy.offer(p(5))).isEqualTo(Admission.BEHIND);
    copy.offer(p(7));
    assertThat(seqs(copy.release())).containsExactly(7L, 8L, 9L);
  }
}
