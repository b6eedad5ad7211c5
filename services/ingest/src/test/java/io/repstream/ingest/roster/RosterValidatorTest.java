package io.repstream.ingest.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.config.IngestConfig.FilePacing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterValidatorTest {
  @TempDir Path dir;

  private final RosterValidator defaults = new RosterValidator(IngestConfig.withOverrides(Map.of()));

  private static RosterEntry single(String url) {
    return new RosterEntry("cam-1", "yoga", url, "alice", null, null, null, null, null);
  }

  @Test
  void acceptsTheNetworkSchemesAndWebcams() {
    for (String url : List.of("rtsp://203.0.113.5:554/stream1", "rtmp://203.0.113.6/app/key", "https://[2001:db8::7]/class/index.m3u8",
        "udp://@:5000", "tcp://203.0.113.5:9000", "srt://203.0.113.5:9000", "/dev/video0", "v4l2:///dev/video2")) {
      StreamSpec s = defaults.validate(single(url));
      assertThat(s.tiles()).containsExactly(Tile.whole("alice"));
      assertThat(s.sampleFps()).isEqualTo(10);
    }
    assertThat(defaults.validate(single("/dev/video0")).url().format()).isEqualTo("video4linux2");
  }

  @Test
  void refusesFilesUnlessEnabled() throws Exception {
    Path clip = Files.createFile(dir.resolve("clip.mp4"));
    assertThatThrownBy(() -> defaults.validate(single(clip.toString())))
        .isInstanceOf(InvalidRosterException.class)
        .hasMessageContaining("stream cam-1").hasMessageContaining("file input is off").hasMessageContaining("ingest.file.enabled=true");
    assertThatThrownBy(() -> defaults.validate(single(clip.toUri().toString()))).hasMessageContaining("file input is off");
    RosterValidator withFiles = new RosterValidator(IngestConfig.withOverrides(Map.of("ingest.file.enabled", "true")));
    StreamSpec s = withFiles.validate(single(clip.toUri().toString()));
    assertThat(s.url().input()).isEqualTo(clip.toString());
    assertThat(s.pacing()).isEqualTo(FilePacing.REALTIME);
    assertThatThrownBy(() -> withFiles.validate(single(dir.resolve("missing.mp4").toString())))
        .hasMessageContaining("does not exist");
  }

  @Test
  void refusesSchemesNotAllowedHere() {
    assertThatThrownBy(() -> defaults.validate(single("ftp://host/clip.mp4")))
        .hasMessageContaining("scheme ftp, which is not allowed here").hasMessageContaining("rtsp");
    RosterValidator rtspOnly = new RosterValidator(IngestConfig.withOverrides(Map.of("ingest.url.schemes", "rtsp")));
    assertThatThrownBy(() -> rtspOnly.validate(single("http://cam/live.ts"))).hasMessageContaining("scheme http");
    assertThatThrownBy(() -> defaults.validate(single("camera-7"))).hasMessageContaining("has no scheme");
    assertThatThrownBy(() -> defaults.validate(single("rtsp://"))).hasMessageContaining("not a valid URL");
  }

  @Test
  void splitsAGalleryIntoTilesInReadingOrderSkippingEmptyCells() {
    RosterEntry e = new RosterEntry("gallery", "hiit", "rtsp://198.51.100.20/class", null, new RosterEntry.Grid(2, 3),
        Arrays.asList("a", "b", "", "d", null, "f"), null, null, 5.0);
    StreamSpec s = defaults.validate(e);
    assertThat(s.sampleFps()).isEqualTo(5.0);
    assertThat(s.tiles()).containsExactly(new Tile("a", 0, 0, 2, 3), new Tile("b", 0, 1, 2, 3), new Tile("d", 1, 0, 2, 3),
        new Tile("f", 1, 2, 2, 3));
  }

  @Test
  void explainsWhatIsWrongWithABadEntry() {
    assertThatThrownBy(() -> defaults.validate(new RosterEntry(null, "c", "rtsp://h/s", "p", null, null, null, null, null)))
        .hasMessageContaining("streamId is missing");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s 1", "c", "rtsp://h/s", "p", null, null, null, null, null)))
        .hasMessageContaining("streamId 's 1' may only hold");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "rtsp://h/s", null, null, null, null, null, null)))
        .hasMessageContaining("stream s: participantId is missing");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "rtsp://h/s", null, new RosterEntry.Grid(2, 2),
        List.of("a", "b", "c"), null, null, null))).hasMessageContaining("a 2x2 grid needs 4 participants").hasMessageContaining("got 3");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "rtsp://h/s", null, new RosterEntry.Grid(1, 2),
        List.of("a", "a"), null, null, null))).hasMessageContaining("participant a appears in two cells");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "rtsp://h/s", null, new RosterEntry.Grid(0, 2),
        List.of(), null, null, null))).hasMessageContaining("grid 0x2 is out of range");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "http://h/s", "p", null, null, true, null, null)))
        .hasMessageContaining("listen mode is only for rtsp");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "rtsp://h/s", "p", null, null, null, "slow", null)))
        .hasMessageContaining("pacing 'slow' is not one of realtime, fast");
    assertThatThrownBy(() -> defaults.validate(new RosterEntry("s", "c", "rtsp://h/s", "p", null, null, null, null, 120.0)))
        .hasMessageContaining("stream s: fps 120.0 is out of range");
  }

  @Test
  void refusesPulledStreamsFromTheMachineItselfOrThePrivateNetworkByDefault() {
    Map<String, String> refused = Map.ofEntries(
        Map.entry("rtsp://127.0.0.1:554/live", "127.0.0.1 (loopback address)"),
        Map.entry("http://localhost:8081/roster", "(loopback address)"),
        Map.entry("http://[::1]/x.ts", "(loopback address)"),
        Map.entry("http://169.254.169.254/latest/meta-data/", "169.254.169.254 (link-local"),
        Map.entry("rtmp://10.1.2.3/app/key", "10.1.2.3 (private address)"),
        Map.entry("https://172.16.0.9/class.m3u8", "172.16.0.9 (private address)"),
        Map.entry("srt://192.168.1.20:9000", "192.168.1.20 (private address)"),
        Map.entry("tcp://100.64.3.4:9000", "carrier-grade NAT"),
        Map.entry("rtsp://[fd12:3456::1]/live", "IPv6 unique local"),
        Map.entry("rtsp://[fe80::1]/live", "link-local"),
        Map.entry("rtsp://0.0.0.0/live", "(unspecified address)"),
        Map.entry("rtsp://224.0.0.1/live", "(multicast address)"),
        Map.entry("http://[::ffff:127.0.0.1]/x.ts", "(loopback address)"));
    refused.forEach((url, reason) -> assertThatThrownBy(() -> defaults.validate(single(url)))
        .as(url).isInstanceOf(InvalidRosterException.class)
        .hasMessageContaining("stream cam-1: stream url '" + url + "'").hasMessageContaining(reason)
        .hasMessageContaining("ingest.url.allow-private-addresses=true"));
    assertThatThrownBy(() -> defaults.validate(single("rtsp://no-such-camera.invalid/live")))
        .hasMessageContaining("host no-such-camera.invalid does not resolve");

    RosterValidator privateNetwork = new RosterValidator(IngestConfig.withOverrides(Map.of("ingest.url.allow-private-addresses", "true")));
    for (String url : refused.keySet()) {
      assertThat(privateNetwork.validate(single(url)).url().text()).isEqualTo(url);
    }
  }

  @Test
  void streamsIngestReceivesAreNotPullsAndAreNotAddressChecked() {
    assertThat(defaults.validate(single("udp://127.0.0.1:5000")).url().scheme()).isEqualTo("udp");
    assertThat(defaults.validate(single("udp://239.1.1.1:5000")).url().scheme()).isEqualTo("udp");
    RosterEntry listener = new RosterEntry("cam-1", "yoga", "rtsp://0.0.0.0:8554/live", "alice", null, null, true, null, null);
    assertThat(defaults.validate(listener).listen()).isTrue();
  }

  @Test
  void tileRectanglesCoverThePictureExactly() {
    int w = 1281;
    int h = 721;
    long area = 0;
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        int[] rect = new Tile("p", r, c, 3, 3).rectangle(w, h);
        area += (long) rect[2] * rect[3];
        assertThat(rect[0] + rect[2]).isLessThanOrEqualTo(w);
        assertThat(rect[1] + rect[3]).isLessThanOrEqualTo(h);
      }
    }
    assertThat(area).isEqualTo((long) w * h);
    assertThat(new Tile("p", 1, 1, 2, 2).rectangle(640, 360)).containsExactly(320, 180, 320, 180);
  }
}
