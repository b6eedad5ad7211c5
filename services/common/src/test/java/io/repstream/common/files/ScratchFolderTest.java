package io.repstream.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchFolderTest {
  @Test
  void closingDeletesTheFolderAndEverythingInIt() throws Exception {
    Path kept;
    try (ScratchFolder scratch = ScratchFolder.create("scratch-test-")) {
      kept = scratch.path();
      assertThat(kept.getFileName().toString()).startsWith("scratch-test-");
      Files.writeString(Files.createDirectories(kept.resolve("kafka/log/partition-0")).resolve("00000.log"), "records");
      Files.writeString(kept.resolve("roster.json"), "[]");
    }
    assertThat(kept).doesNotExist();
  }

  @Test
  void aFolderAlreadyGoneIsNoError() throws Exception {
    ScratchFolder scratch = ScratchFolder.create("scratch-test-");
    Files.delete(scratch.path());
    scratch.close();
    assertThat(scratch.path()).doesNotExist();
  }
}
