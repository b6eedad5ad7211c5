package io.repstream.counter.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.counter.CountingParameters;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.ordering.ReorderBuffer;
import io.repstream.counter.state.ParticipantCounter;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves each participant's {@link ParticipantCounter} on by one prediction and publishes what changed: rep events,
 * and the participant's status when it differs from the last one. A wall-clock punctuator does what event time
 * cannot once frames stop coming: counts what is still buffered and declares the stream down.
 */
final class RepCountingProcessor implements Processor<String, Prediction, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(RepCountingProcessor.class);

  private final CountingParameters params;
  private final ExerciseCatalogue catalogue;
  private final Duration punctuateInterval;
  private final Duration streamDownAfter;
  private final Duration retention;
  private final MeterRegistry meters;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> participants;
  private KeyValueStore<String, ParticipantStatus> statuses;

  RepCountingProcessor(CountingParameters params, ExerciseCatalogue catalogue, Duration punctuateInterval,
      Duration streamDownAfter, Duration retention, MeterRegistry meters) {
    this.params = params;
    this.catalogue = catalogue;
    this.punctuateInterval = punctuateInterval;
    this.streamDownAfter = streamDownAfter;
    this.retention = retention;
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.participants = context.getStateStore(RepCountingTopology.PARTICIPANT_STORE);
    this.statuses = context.getStateStore(RepCountingTopology.STATUS_STORE);
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::checkQuietParticipants);
  }

  @Override
  public void process(Record<String, Prediction> record) {
    Prediction p = record.value();
    if (p == null) {
      return;
    }
    String problem = PredictionCheck.problem(p);
    if (problem != null) {
      LOG.warn("Skipping prediction of participant '{}' sequence {}: {}", p.getParticipantId(), p.getSequence(), problem);
      meters.counter("repstream.counter.predictions", "outcome", "invalid").increment();
      return;
    }
    String key = p.getParticipantId();
    long now = context.currentSystemTimeMs();
    ParticipantCounter counter = load(key);
    ReorderBuffer.Admission admission = counter.offer(p, now);
    meters.counter("repstream.counter.predictions", "outcome", admission.name().toLowerCase(Locale.ROOT)).increment();
    List<RepEvent> events = admission == ReorderBuffer.Admission.ACCEPTED ? counter.advance() : List.of();
    publish(key, counter, events, now);
  }

  private void checkQuietParticipants(long now) {
    List<KeyValue<String, ParticipantCounter>> changed = new ArrayList<>();
    List<List<RepEvent>> changedEvents = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = participants.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        ParticipantCounter counter = ParticipantCounter.fromBytes(kv.value, params, catalogue);
        if (counter.silentFor(now, retention.toMillis())) {
          expired.add(kv.key);
          continue;
        }
        List<RepEvent> events = List.of();
        boolean dirty = false;
        if (counter.quietFor(now, params.reorderGrace().toMillis())) {
          events = counter.flush();
          dirty = true;
        }
        if (counter.checkStreamDown(now, streamDownAfter.toMillis())) {
          LOG.info("No frames from participant {} for {}: stream down", kv.key, streamDownAfter);
          events = new ArrayList<>(events);
          events.addAll(counter.streamEnded());
          dirty = true;
        }
        if (dirty) {
          changed.add(KeyValue.pair(kv.key, counter));
          changedEvents.add(events);
        }
      }
    }
    for (String key : expired) {
      // The last status stays on the compacted topic; only the working state of a long-gone stream is dropped.
      LOG.info("Participant {} silent for over {}: forgetting their counting state", key, retention);
      participants.delete(key);
      statuses.delete(key);
    }
    for (int i = 0; i < changed.size(); i++) {
      publish(changed.get(i).key, changed.get(i).value, changedEvents.get(i), now);
    }
  }

  private ParticipantCounter load(String key) {
    byte[] stored = participants.get(key);
    return stored == null ? new ParticipantCounter(params, catalogue) : ParticipantCounter.fromBytes(stored, params, catalogue);
  }

  private void publish(String key, ParticipantCounter counter, List<RepEvent> events, long now) {
    for (RepEvent e : events) {
      meters.counter("repstream.counter.reps", "kind", e.getKind().name().toLowerCase(Locale.ROOT),
          "method", e.getMethod().name().toLowerCase(Locale.ROOT)).increment();
      context.forward(new Record<>(key, (Object) e, e.getEndTime().toEpochMilli()), RepCountingTopology.REP_EVENTS_SINK);
    }
    ParticipantStatus status = counter.statusIfChanged(now);
    if (status != null) {
      statuses.put(key, status);
      context.forward(new Record<>(key, (Object) status, now), RepCountingTopology.STATUS_SINK);
    }
    participants.put(key, counter.toBytes());
  }
}
