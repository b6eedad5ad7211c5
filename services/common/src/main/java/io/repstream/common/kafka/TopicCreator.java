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
  private static final long METADATA_POLL_MILLIS = 50;

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
      awaitVisible(admin, topics);
      warnIfSmaller(admin, topics, existing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create RepStream topics: " + (e.getCause() != null ? e.getCause() : e), e);
    }
  }

  /** Creation is committed by the controller before every broker has the new metadata; wait for it. */
  private static void awaitVisible(Admin admin, Topics topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> names = topics.all().stream().map(TopicSpec::name).toList();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
    while (!admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).containsAll(names)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("topics " + names + " not visible after " + ADMIN_TIMEOUT_SECONDS + " s");
      }
      Thread.sleep(METADATA_POLL_MILLIS);
    }
  }

  /** Only topics that existed before can be smaller than configured; new ones were just made to size. */
  private static void warnIfSmaller(Admin admin, Topics topics, Set<String> existing)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicSpec> old = topics.all().stream().filter(s -> existing.contains(s.name())).toList();
    if (old.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> described = admin.describeTopics(old.stream().map(TopicSpec::name).toList())
        .allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (TopicSpec spec : old) {
      int actual = described.get(spec.name()).partitions().size();
      if (actual < spec.partitions()) {
        LOG.warn("Topic {} has {} partitions, fewer than the {} configured: fewer workers can share it",
            spec.name(), actual, spec.partitions());
      }
    }
  }
}
