package io.repstream.eval;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.classifier.ClassifierConfig;
import io.repstream.classifier.ClassifierService;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.common.kafka.Topics;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.CounterService;
import io.repstream.ingest.IngestApp;
import io.repstream.ingest.IngestService;
import io.repstream.ingest.config.IngestConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Ingest, classifier and counter wired together in this JVM over one Kafka (an embedded broker unless one is
 * given), with RepStream's topics created: what the demo, the evaluation and the end-to-end benchmark run.
 * Each service gets its built-in defaults plus the overrides in {@link Options}; nothing else differs from a
 * deployment.
 */
public final class LocalPipeline implements AutoCloseable {
  /**
   * @param broker an existing cluster's bootstrap servers, or null for an embedded broker under {@code work}
   * @param work where the embedded broker and the counter keep their files
   */
  public record Options(String broker, Path work, Map<String, String> ingest, Map<String, String> classifier,
      Map<String, String> counter) {
    public static Options embedded(Path work) {
      return new Options(null, work, Map.of(), Map.of(), Map.of());
    }

    public Options withBroker(String servers) {
      return new Options(servers, work, ingest, classifier, counter);
    }

    public Options withIngest(Map<String, String> settings) {
      return new Options(broker, work, merged(ingest, settings), classifier, counter);
    }

    public Options withClassifier(Map<String, String> settings) {
      return new Options(broker, work, ingest, merged(classifier, settings), counter);
    }

    public Options withCounter(Map<String, String> settings) {
      return new Options(broker, work, ingest, classifier, merged(counter, settings));
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> more) {
      Map<String, String> m = new LinkedHashMap<>(base);
      m.putAll(more);
      return Map.copyOf(m);
    }
  }

  private final EmbeddedKafkaBroker embedded;
  private final String bootstrap;
  private final Topics topics;
  private final ClassifierService classifier;
  private final CounterService counter;
  private final IngestApp ingest;

  private LocalPipeline(EmbeddedKafkaBroker embedded, String bootstrap, Topics topics, ClassifierService classifier,
      CounterService counter, IngestApp ingest) {
    this.embedded = embedded;
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.classifier = classifier;
    this.counter = counter;
    this.ingest = ingest;
  }

  /** Starts downstream first (counter, classifier, then ingest), so no frame is published before it is read. */
  public static LocalPipeline start(Options options, PrometheusMeterRegistry metrics) {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      EmbeddedKafkaBroker embedded = null;
      String bootstrap = options.broker();
      if (bootstrap == null) {
        embedded = EmbeddedKafkaBroker.builder().dataDir(options.work().resolve("kafka")).build().start();
        started.add(embedded);
        bootstrap = embedded.bootstrapServers();
      }
      Topics topics = Topics.defaults();
      try (Admin admin = Admin.create(KafkaSettings.bootstrap(bootstrap).clientProperties())) {
        TopicCreator.ensure(admin, topics);
      }
      Map<String, String> counterSettings = new LinkedHashMap<>();
      counterSettings.put("counter.state.dir", options.work().resolve("counter-state").toString());
      counterSettings.put("counter.http.port", "0");
      counterSettings.putAll(options.counter());
      counterSettings.put(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap);
      CounterService counter = CounterService.start(CounterConfig.withOverrides(counterSettings), metrics);
      started.add(counter);

      ClassifierService classifier = new ClassifierService(ClassifierConfig.from(
          overridden(Settings.load(ClassifierConfig.DEFAULTS, null, Map.of()), options.classifier(), bootstrap)), metrics).start();
      started.add(classifier);

      Map<String, String> ingestSettings = new LinkedHashMap<>();
      ingestSettings.put("ingest.file.enabled", "true");
      ingestSettings.put("ingest.http.port", "0");
      ingestSettings.putAll(options.ingest());
      IngestApp ingest = IngestApp.start(IngestConfig.from(
          overridden(Settings.load(IngestConfig.DEFAULTS_RESOURCE, null, Map.of()), ingestSettings, bootstrap)), metrics);
      return new LocalPipeline(embedded, bootstrap, topics, classifier, counter, ingest);
    } catch (RuntimeException e) {
      Collections.reverse(started);
      closeAll(started);
      throw e;
    }
  }

  private static Settings overridden(Settings defaults, Map<String, String> overrides, String bootstrap) {
    Settings s = defaults;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s.with(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public Topics topics() {
    return topics;
  }

  /** The MoveNet model the classifier runs. */
  public MoveNetModel poseModel() {
    return classifier.poseModel();
  }

  public IngestService ingest() {
    return ingest.service();
  }

  /** Stops upstream first (ingest, classifier, counter, then the broker), so nothing in flight is left unread. */
  @Override
  public void close() {
    closeAll(embedded == null ? List.of(ingest, classifier, counter) : List.of(ingest, classifier, counter, embedded));
  }

  private static void closeAll(List<AutoCloseable> services) {
    RuntimeException failure = null;
    for (AutoCloseable c : services) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("cannot stop the local pipeline cleanly: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
