package io.repstream.classifier;

import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.ModelMetadata;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier process: loads the pose and exercise models once on the configured device and runs
 * {@code workers} threads, each a member of the consumer group with its own estimator and predictor. More
 * throughput is more workers here or more processes elsewhere, up to the number of frame partitions.
 */
public final class ClassifierService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifierService.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final MoveNet moveNet;
  private final Optional<ExercisePhaseModel> exerciseModel;
  private final List<ClassifierWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  public ClassifierService(ClassifierConfig config, MeterRegistry metrics) {
    long t0 = System.nanoTime();
    this.moveNet = MoveNet.load(config.poseModel(), config.device());
    this.exerciseModel = config.exerciseModel().map(dir -> ExercisePhaseModel.load(dir, config.device()));
    if (exerciseModel.isEmpty()) {
      LOG.warn("No exercise model configured (classifier.exercise.model): publishing poses only; the counter will count"
          + " from periodic motion");
    }
    exerciseModel.map(m -> m.metadata().trainingData().get(ModelMetadata.POSE_MODEL))
        .filter(learnt -> !learnt.equals(config.poseModel().fileBaseName()))
        .ifPresent(learnt -> LOG.info("The exercise model learnt real poses from {}; this classifier runs {} (the two"
            + " place joints a little differently; repstream train --pose-model chooses what a model learns from)",
            learnt, config.poseModel().fileBaseName()));
    for (int i = 0; i < config.workers(); i++) {
      FrameClassifier classifier = new FrameClassifier(moveNet, exerciseModel, config, metrics);
      classifier.warmUp();
      workers.add(new ClassifierWorker("repstream-classifier-" + i, config, classifier, metrics));
    }
    LOG.info("Classifier ready: {} on {}, {} worker(s), batches of {} in {} ms", config.poseModel(), config.device(),
        config.workers(), config.batchSize(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** The MoveNet model the workers run. */
  public MoveNetModel poseModel() {
    return moveNet.kind();
  }

  public ClassifierService start() {
    for (int i = 0; i < workers.size(); i++) {
      Thread t = new Thread(workers.get(i), "classifier-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return this;
  }

  /** True while every worker thread runs. */
  public boolean alive() {
    return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
  }

  @Override
  public void close() {
    workers.forEach(ClassifierWorker::stop);
    for (ClassifierWorker w : workers) {
      try {
        if (!w.awaitStop(STOP_TIMEOUT)) {
          LOG.warn("A classifier worker did not stop within {}", STOP_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exerciseModel.ifPresent(ExercisePhaseModel::close);
    moveNet.close();
  }
}
