package io.repstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTenFpsFfmpegJpegAndNoFiles() {
    IngestConfig c = IngestConfig.withOverrides(Map.of());
    assertThat(c.sampleFps()).isEqualTo(10);
    assertThat(c.maxSide()).isEqualTo(640);
    assertThat(c.encoder()).isEqualTo(IngestConfig.EncoderKind.FFMPEG);
    assertThat(c.fileEnabled()).isFalse();
    assertThat(c.allowedSchemes()).contains("rtsp", "udp", "http").doesNotContain("file");
    assertThat(c.reconnectInitial()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.rosterFile()).isNull();
    assertThat(c.topics().name(Topic.FRAMES)).isEqualTo("repstream.frames");
  }

  @Test
  void aFileThenTheEnvironmentOverrideTheDefaults() throws Exception {
    Path file = dir.resolve("ingest.properties");
    Files.writeString(file, "ingest.sample.fps=5\ningest.jpeg.encoder=imageio\ningest.frame.max-side=480\n");
    Settings s = Settings.load(IngestConfig.DEFAULTS_RESOURCE, file,
        Map.of("REPSTREAM_INGEST_FRAME_MAX_SIDE", "256", "REPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"));
    IngestConfig c = IngestConfig.from(s);
    assertThat(c.sampleFps()).isEqualTo(5);
    assertThat(c.encoder()).isEqualTo(IngestConfig.EncoderKind.IMAGEIO);
    assertThat(c.maxSide()).isEqualTo(256);
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-1:9092");
  }

  @Test
  void badValuesAreRefusedNamingKeyValueAndOrigin() {
    assertThatThrownBy(() -> IngestConfig.withOverrides(Map.of("ingest.sample.fps", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("ingest.sample.fps = '0'").hasMessageContaining("command line").hasMessageContaining("0.1 to 60");
    assertThatThrownBy(() -> IngestConfig.withOverrides(Map.of("ingest.jpeg.encoder", "turbo")))
        .hasMessageContaining("ingest.jpeg.encoder = 'turbo'").hasMessageContaining("ffmpeg, imageio");
    assertThatThrownBy(() -> IngestConfig.withOverrides(Map.of("ingest.url.schemes", "rtsp,gopher")))
        .hasMessageContaining("'gopher' is not one");
    assertThatThrownBy(() -> IngestConfig.withOverrides(Map.of("ingest.reconnect.initial", "10s", "ingest.reconnect.max", "1s")))
        .hasMessageContaining("ingest.reconnect.max").hasMessageContaining("at least ingest.reconnect.initial");
    assertThatThrownBy(() -> IngestConfig.withOverrides(Map.of("ingest.read.timeout", "soon")))
        .hasMessageContaining("ingest.read.timeout = 'soon'");
    assertThatThrownBy(() -> IngestConfig.withOverrides(Map.of("ingest.file.pacing", "slow")))
        .hasMessageContaining("realtime, fast");
  }
}
