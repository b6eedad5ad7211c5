package io.repstream.app;

import io.repstream.classifier.ClassifierConfig;
import io.repstream.classifier.ClassifierService;
import io.repstream.common.metrics.MetricsServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs classifier workers: frames in, poses with exercise and phase out. */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = {"Runs classifier workers: consumes frames, estimates poses (MoveNet) and labels exercise and phase,",
        "publishes predictions. Start more workers (classifier.workers) or more processes to scale out,",
        "up to the number of partitions of the frames topic."})
final class ClassifyCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    ClassifierConfig c = ClassifierConfig.from(config.load(ClassifierConfig.DEFAULTS));
    ServiceRun.ensureTopics(c.kafka(), c.topics());
    MetricsServer metrics = MetricsServer.start("0.0.0.0", c.metricsPort(), "classifier");
    ClassifierService service = new ClassifierService(c, metrics.registry()).start();
    metrics.healthCheck("workers", service::alive);
    System.out.println("Classifier running (" + c.workers() + " worker(s), " + c.poseModel() + " on " + c.device()
        + "); metrics on port " + metrics.port());
    ServiceRun.untilStopped("classifier", service, metrics);
    return 0;
  }
}
