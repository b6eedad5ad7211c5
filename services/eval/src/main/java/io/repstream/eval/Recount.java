package io.repstream.eval;

import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.ordering.ReorderBuffer;
import io.repstream.counter.state.ParticipantCounter;
import io.repstream.schemas.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Counts an evaluation's kept predictions again with other counter settings, without the broker, ingest or pose:
 * each clip's predictions go, in arrival order, through the same per-participant logic (and the same stored-form
 * round trip) as in the counting topology, and the counts are scored as {@code repstream eval} scores them.
 * With a {@link Relabel}, the kept poses are first labelled by another exercise model.
 */
public final class Recount {
  private final CounterConfig config;
  private final Optional<Relabel> relabel;
  private final ExerciseCatalogue catalogue = ExerciseCatalogue.standard();

  public Recount(CounterConfig config) {
    this(config, Optional.empty());
  }

  public Recount(CounterConfig config, Optional<Relabel> relabel) {
    this.config = config;
    this.relabel = relabel;
  }

  /**
   * Scores every labelled clip whose predictions are in {@code predictions}.
   *
   * @throws NoSuchFileException naming the clip whose predictions are missing
   */
  public EvalReport run(List<ClipLabel> labels, Path predictions) throws IOException {
    return run(labels, predictions, Optional.empty());
  }

  /**
   * As {@link #run(List, Path)}; when relabelling, the new predictions are also written to {@code relabelled} (a
   * folder that a later recount can read) if given.
   */
  public EvalReport run(List<ClipLabel> labels, Path predictions, Optional<Path> relabelled) throws IOException {
    List<ClipResult> results = new ArrayList<>();
    for (ClipLabel label : labels) {
      String id = ClipLabels.participantId(label.video());
      Path file = PredictionArchive.fileFor(predictions, id);
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString(), null, "no kept predictions for clip " + label.video().getFileName()
            + ": expected " + file + " (repstream eval writes them to the predictions folder of its report)");
      }
      List<Prediction> list = PredictionArchive.read(file);
      if (relabel.isPresent()) {
        list = relabel.get().relabel(list, label.video());
        if (relabelled.isPresent()) {
          PredictionArchive.write(PredictionArchive.fileFor(relabelled.get(), id), list);
        }
      }
      long start = System.nanoTime();
      results.add(ClipResult.of(label, count(list), list.size(), list, (System.nanoTime() - start) / 1e9, null));
    }
    // Kept predictions do not say which classes their model had; a relabelling model does.
    return new EvalReport(results, (relabel.isPresent() ? "recount of kept poses, labelled again, in " : "recount of kept predictions in ")
        + predictions, relabel.map(Relabel::exercises).orElse(Set.of()));
  }

  /** Reps per exercise for one participant's predictions; event time stands in for the wall clock. */
  public Map<String, Integer> count(List<Prediction> predictions) {
    ParticipantCounter counter = new ParticipantCounter(config.counting(), catalogue);
    for (Prediction p : predictions) {
      long now = p.getCaptureTime().toEpochMilli();
      if (counter.offer(p, now) == ReorderBuffer.Admission.ACCEPTED) {
        counter.advance();
      }
      counter = ParticipantCounter.fromBytes(counter.toBytes(), config.counting(), catalogue);
    }
    // The stream is over, as when the topology's punctuator finds it down: what the reorder buffer still holds is
    // counted, and a rep the last frames saw return to the top completes.
    counter.streamEnded();
    long end = predictions.isEmpty() ? 0 : predictions.get(predictions.size() - 1).getCaptureTime().toEpochMilli();
    return counter.status(end).getRepsByExercise();
  }
}
