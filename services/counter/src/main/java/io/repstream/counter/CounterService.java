package io.repstream.counter;

import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.query.StatusQueryServer;
import io.repstream.counter.topology.RepCountingTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running counter instance: the Streams topology plus its status query port. */
public final class CounterService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CounterService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final StatusQueryServer queries;

  private CounterService(KafkaStreams streams, StatusQueryServer queries) {
    this.streams = streams;
    this.queries = queries;
  }

  /** Creates missing topics, opens the query port and starts counting. */
  public static CounterService start(CounterConfig config, MeterRegistry meters) {
    try (Admin admin = Admin.create(config.kafka().clientProperties())) {
      TopicCreator.ensure(admin, config.topics());
    }
    StatusQueryServer queries = StatusQueryServer.open(config.httpHost(), config.httpPort());
    Properties props = RepCountingTopology.streamsProperties(config, queries.port());
    KafkaStreams streams = new KafkaStreams(RepCountingTopology.build(config, ExerciseCatalogue.standard(), meters), props);
    streams.setStateListener((now, before) -> LOG.info("Counter streams {} -> {}", before, now));
    streams.start();
    queries.serve(streams);
    LOG.info("Counter {} started: statuses at http://{}:{}/classes/{{classId}}/participants", config.applicationId(),
        config.httpHost(), queries.port());
    return new CounterService(streams, queries);
  }

  public KafkaStreams streams() {
    return streams;
  }

  public int queryPort() {
    return queries.port();
  }

  public boolean running() {
    return streams.state().isRunningOrRebalancing();
  }

  @Override
  public void close() {
    queries.close();
    // Leave the group on the way out, so the instances that stay take this one's participants over at once
    // instead of after the session timeout, during which those students' counts would freeze.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT));
  }
}
