package io.repstream.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaCluster;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.CounterService;
import io.repstream.schemas.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injects: in a three-node KRaft cluster (topics replicated three times, two in sync required), the node leading
 * the first predictions partition is shut down while predictions are produced and counted, then started again on
 * its old data.
 * Proves: production continues with one node down (acks=all, idempotent: every prediction is on the topic once),
 * the counter keeps counting while the node is down, and the final rep events equal synth's truth with none lost
 * and none counted twice.
 */
class BrokerFailureFaultIT {
  /** Stream state of the counters this test starts; JUnit deletes it afterwards. */
  @TempDir Path scratch;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration LINGER = Duration.ofSeconds(3);
  private static final List<String> PEOPLE = List.of("dee", "eli", "fay");
  private static final int REPLICATION = 3;

  @Test
  void oneBrokerOfThreeDownAndBackLosesNothingCounted() throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start()) {
      String bootstrap = cluster.bootstrapServers();
      String prefix = CounterSettings.uniquePrefix();
      Map<String, String> settings = CounterSettings.of(bootstrap, prefix, Files.createDirectory(scratch.resolve("fault-broker")));
      settings.put("topics.replication.factor", Integer.toString(REPLICATION));
      CounterConfig config = CounterConfig.withOverrides(settings);
      SynthClass lesson = new SynthClass("core-4", PEOPLE, "squat:6", 21, Instant.now().minusSeconds(300));
      List<Prediction> all = lesson.predictions();
      int third = all.size() / 3;
      String predictions = config.topics().name(Topic.PREDICTIONS);
      String repEvents = config.topics().name(Topic.REP_EVENTS);

      try (CounterService counter = CounterService.start(config, new SimpleMeterRegistry());
          PredictionFeed feed = new PredictionFeed(bootstrap, predictions)) {
        feed.send(all.subList(0, third));
        feed.flush();
        int beforeFault = RepTally.countedIn(TopicReader.readUntil(bootstrap, repEvents,
            r -> RepTally.countedIn(r) >= PEOPLE.size(), WAIT));
        assertThat(beforeFault).isGreaterThanOrEqualTo(PEOPLE.size());

        int victim = leaderOfFirstPartition(bootstrap, predictions);
        cluster.stopNode(victim);
        feed.send(all.subList(third, 2 * third));
        feed.flush();
        int whileDown = RepTally.countedIn(TopicReader.readUntil(bootstrap, repEvents,
            r -> RepTally.countedIn(r) > beforeFault, WAIT));
        assertThat(whileDown).as("reps counted while node %d was down", victim).isGreaterThan(beforeFault);

        cluster.startNode(victim);
        feed.send(all.subList(2 * third, all.size()));
        feed.flush();

        TopicReader.readUntil(bootstrap, repEvents, r -> RepTally.countedIn(r) >= lesson.truth(), WAIT);
        Thread.sleep(LINGER.toMillis());
        RepTally tally = RepTally.of(TopicReader.readUntil(bootstrap, repEvents,
            r -> RepTally.countedIn(r) > lesson.truth(), LINGER));
        List<ConsumerRecord<String, byte[]>> produced = TopicReader.readUntil(bootstrap, predictions,
            r -> r.size() > all.size(), LINGER);
        Set<String> frames = new HashSet<>();
        produced.forEach(r -> {
          Prediction p = AvroSerde.prediction().deserialize(r.topic(), r.value());
          frames.add(p.getParticipantId() + "#" + p.getSequence());
        });
        new ReliabilityRow("broker 1 of 3 (partition leader) stopped and restarted mid-class", "predictions",
            feed.sent(), tally.counted().size(), tally.lost(lesson), tally.duplicated(), getClass()).report();
        System.out.printf("RELIABILITY predictions on the topic: %d records, %d distinct, %d sent%n", produced.size(),
            frames.size(), feed.sent());

        assertThat(produced).as("predictions on the topic").hasSize(all.size());
        assertThat(frames).as("distinct predictions on the topic").hasSize(all.size());
        assertThat(counter.running()).isTrue();
        assertThat(tally.duplicated()).as("reps counted twice").isZero();
        for (String p : PEOPLE) {
          assertThat(tally.distinct(p)).as("reps of %s against the truth", p).isEqualTo(lesson.truth(p));
        }
      }
    }
  }

  private static int leaderOfFirstPartition(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      assertThat(d.partitions().get(0).replicas()).as("replicas of %s-0", topic).hasSize(REPLICATION);
      return d.partitions().get(0).leader().id();
    }
  }
}
