package io.repstream.faults;

import io.repstream.common.kafka.AvroSerde;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The counted reps on the rep-events topic, checked against synth's truth: a rep is identified by participant,
 * set and number, so one emitted twice shows up as a duplicate and one never emitted as lost.
 */
record RepTally(List<RepEvent> counted) {

  static RepTally of(List<ConsumerRecord<String, byte[]>> records) {
    return new RepTally(records.stream().map(r -> AvroSerde.repEvent().deserialize(r.topic(), r.value()))
        .filter(e -> e.getKind() == RepKind.COUNTED).toList());
  }

  static int countedIn(List<ConsumerRecord<String, byte[]>> records) {
    return of(records).counted().size();
  }

  long distinct(String participantId) {
    Set<String> keys = new HashSet<>();
    counted.stream().filter(e -> e.getParticipantId().equals(participantId))
        .forEach(e -> keys.add(e.getSetNumber() + "/" + e.getRepNumber()));
    return keys.size();
  }

  long distinct() {
    Set<String> keys = new HashSet<>();
    counted.forEach(e -> keys.add(e.getParticipantId() + "/" + e.getSetNumber() + "/" + e.getRepNumber()));
    return keys.size();
  }

  long duplicated() {
    return counted.size() - distinct();
  }

  /** Reps the truth has that were never emitted, summed over participants. */
  long lost(SynthClass truth) {
    return truth.participants().stream().mapToLong(p -> Math.max(0, truth.truth(p) - distinct(p))).sum();
  }
}
