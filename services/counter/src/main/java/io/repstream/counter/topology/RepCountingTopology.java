package io.repstream.counter.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.Stores;

/**
 * The counter: predictions in, rep events and participant statuses out.
 *
 * <pre>
 *   predictions --(capture time)--> count [participant store, status store] --> rep-events
 *                                                                            \-> participant-status
 * </pre>
 *
 * Predictions are keyed by participant, so each participant's whole history is in one partition and one task;
 * the per-participant state lives in a persistent store with a changelog, and the topology runs exactly-once,
 * so a restarted or moved task resumes the same counts without losing or repeating a rep.
 */
public final class RepCountingTopology {
  public static final String PARTICIPANT_STORE = "counter-participants";
  public static final String STATUS_STORE = "counter-status";
  static final String SOURCE = "predictions-source";
  static final String PROCESSOR = "count";
  static final String REP_EVENTS_SINK = "rep-events-sink";
  static final String STATUS_SINK = "participant-status-sink";

  private RepCountingTopology() {}

  public static Topology build(CounterConfig config, ExerciseCatalogue catalogue, MeterRegistry meters) {
    Topics topics = config.topics();
    Topology t = new Topology();
    // From the earliest retained prediction: a new counter owes the class every rep it has not counted yet.
    t.addSource(AutoOffsetReset.earliest(), SOURCE, new CaptureTimeExtractor(), Serdes.String().deserializer(),
        AvroSerde.prediction().deserializer(), topics.name(Topic.PREDICTIONS));
    t.addProcessor(PROCESSOR, () -> new RepCountingProcessor(config.counting(), catalogue,
        config.punctuateInterval(), config.streamDownAfter(), config.participantRetention(), meters), SOURCE);
    t.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PARTICIPANT_STORE), Serdes.String(), Serdes.ByteArray()), PROCESSOR);
    t.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STATUS_STORE), Serdes.String(), AvroSerde.participantStatus()), PROCESSOR);
    t.addSink(REP_EVENTS_SINK, topics.name(Topic.REP_EVENTS), Serdes.String().serializer(),
        AvroSerde.repEvent().serializer(), PROCESSOR);
    t.addSink(STATUS_SINK, topics.name(Topic.PARTICIPANT_STATUS), Serdes.String().serializer(),
        AvroSerde.participantStatus().serializer(), PROCESSOR);
    return t;
  }

  /** Streams configuration: exactly-once, malformed records to the dead-letter topic, this instance's query address. */
  public static Properties streamsProperties(CounterConfig config, int httpPort) {
    Properties p = config.kafka().clientProperties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().spec(Topic.PREDICTIONS).replicationFactor());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().name(Topic.DEAD_LETTERS));
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.httpHost() + ":" + httpPort);
    return p;
  }
}
