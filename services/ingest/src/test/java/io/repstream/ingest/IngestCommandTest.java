package io.repstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.ingest.config.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {
  @TempDir Path dir;

  @Test
  void flagsOverrideTheEnvironmentWhichOverridesTheFileAndDefaults() throws Exception {
    Path file = dir.resolve("ingest.properties");
    Files.writeString(file, "ingest.http.port=9000\ningest.sample.fps=5\n");
    IngestCommand cmd = new IngestCommand();
    new CommandLine(cmd).parseArgs("--config", file.toString(), "--bootstrap-servers", "kafka-1:9092", "--http-port", "0",
        "--allow-files", "--fast", "--roster", dir.resolve("roster.json").toString());
    IngestConfig c = cmd.config(Map.of("REPSTREAM_INGEST_SAMPLE_FPS", "2"));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(c.httpPort()).isZero();
    assertThat(c.sampleFps()).isEqualTo(2);
    assertThat(c.fileEnabled()).isTrue();
    assertThat(c.filePacing()).isEqualTo(IngestConfig.FilePacing.FAST);
    assertThat(c.rosterFile()).isEqualTo(dir.resolve("roster.json"));
    assertThat(c.httpBind()).isEqualTo("127.0.0.1");
  }

  @Test
  void aBadFlagValueNamesItself() {
    IngestCommand cmd = new IngestCommand();
    new CommandLine(cmd).parseArgs("--http-port", "70000");
    assertThatThrownBy(() -> cmd.config(Map.of())).hasMessageContaining("ingest.http.port = '70000' (from command line)");
  }
}
