package io.repstream.common.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates RepStream's topics at service start if they are missing; never deletes or shrinks anything. */
public final class TopicCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private TopicCreator() {}

  public static void ensure(Admin admin, Topics topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : topics.all()) {
        if (!existing.contains(spec.name())) {
          missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()));
        }
      }
      for (NewTopic t : missing) {
        try {
          admin.createTopics(List.of(t)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
          LOG.info("Created topic {} with {} partitions", t.name(), t.numPartitions());
        } catch (ExecutionException e) {
          // Another service starting at the same moment may have created it first.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      warnIfSmaller(admin, topics);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create RepStream topics: " + (e.getCause() != null ? e.getCause() : e), e);
    }
  }

  private static void warnIfSmaller(Admin admin, Topics topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> names = topics.all().stream().map(TopicSpec::name).toList();
    Map<String, TopicDescription> described =
        admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (TopicSpec spec : topics.all()) {
      int actual = described.get(spec.name()).partitions().size();
      if (actual < spec.partitions()) {
        LOG.warn("Topic {} has {} partitions, fewer than the {} configured: fewer workers can share it",
            spec.name(), actual, spec.partitions());
      }
    }
  }
}
