package io.repstream.eval;

import io.repstream.schemas.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * A clip's predictions as an Avro container file (schema inside, readable by any Avro tool). Pose estimation is
 * the slow part of an evaluation; with the predictions kept, counting can be replayed in seconds
 * ({@link Recount}) to try counter settings without decoding or estimating anything again.
 */
public final class PredictionArchive {
  public static final String SUFFIX = ".predictions.avro";

  private PredictionArchive() {}

  public static Path fileFor(Path dir, String participantId) {
    return dir.resolve(participantId + SUFFIX);
  }

  /** Writes the predictions in capture order. */
  public static void write(Path file, List<Prediction> predictions) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    List<Prediction> ordered = new ArrayList<>(predictions);
    ordered.sort(Comparator.comparingLong(Prediction::getSequence));
    try (DataFileWriter<Prediction> w = new DataFileWriter<>(new SpecificDatumWriter<>(Prediction.class))) {
      w.setCodec(CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL));
      w.create(Prediction.getClassSchema(), file.toFile());
      for (Prediction p : ordered) {
        w.append(p);
      }
    }
  }

  public static List<Prediction> read(Path file) throws IOException {
    List<Prediction> out = new ArrayList<>();
    try (DataFileReader<Prediction> r = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Prediction.class))) {
      for (Prediction p : r) {
        out.add(p);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("Not a prediction archive (Avro container of Prediction records): " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
