package io.repstream.common.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary folder for one run's working files (an embedded broker's log, stream state, synthesised videos),
 * deleted with everything in it when the run ends. An evaluation leaves over 100 MB of broker data behind
 * otherwise, on every run.
 */
public final class ScratchFolder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchFolder.class);

  private final Path path;

  private ScratchFolder(Path path) {
    this.path = path;
  }

  /** A new, empty folder in the system's temporary directory, its name starting with {@code prefix}. */
  public static ScratchFolder create(String prefix) throws IOException {
    return new ScratchFolder(Files.createTempDirectory(prefix));
  }

  public Path path() {
    return path;
  }

  /**
   * Deletes the folder and everything in it. What cannot be deleted stays, with a warning naming it: a folder left
   * behind must not turn a run that worked into a failure.
   */
  @Override
  public void close() {
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // Already gone.
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary folder {}: {}", path, e.getMessage());
    }
  }
}
