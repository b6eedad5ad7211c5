package io.repstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.ingest.config.IngestConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamDecoderOptionsTest {
  private static final Set<String> ALL = Set.of("rtsp", "rtmp", "http", "udp", "srt", "v4l2");
  private final IngestConfig config = IngestConfig.withOverrides(Map.of("ingest.read.timeout", "4s", "ingest.open.timeout", "6s",
      "ingest.listen.timeout", "90s"));

  private Map<String, String> options(String url, boolean listen) {
    return StreamDecoder.inputOptions(StreamUrl.parse(url, ALL, false), listen, config);
  }

  @Test
  void everyNetworkProtocolGetsAReadTimeoutInMicroseconds() {
    for (String url : new String[] {"rtsp://cam/s", "rtmp://host/app/key", "http://host/live.ts", "udp://@:5000", "srt://host:9000"}) {
      assertThat(options(url, false)).as(url).containsEntry("rw_timeout", "4000000");
    }
    assertThat(options("/dev/video0", false)).doesNotContainKey("rw_timeout");
  }

  @Test
  void eachProtocolGetsItsOwnTimeoutUnderItsOwnName() {
    assertThat(options("rtsp://cam/s", false)).containsEntry("timeout", "4000000").containsEntry("rtsp_transport", "tcp")
        .doesNotContainKey("rtsp_flags");
    assertThat(options("http://host/live.ts", false)).containsEntry("timeout", "6000000");
    assertThat(options("udp://@:5000", false)).containsEntry("timeout", "4000000").containsEntry("overrun_nonfatal", "1");
    // For RTMP "timeout" would turn the client into a server waiting for a publisher.
    assertThat(options("rtmp://host/app/key", false)).doesNotContainKey("timeout");
  }

  @Test
  void anRtspListenerWaitsForItsCameraInSeconds() {
    assertThat(options("rtsp://0.0.0.0:8554/cam", true)).containsEntry("rtsp_flags", "listen").containsEntry("listen_timeout", "90");
  }
}
