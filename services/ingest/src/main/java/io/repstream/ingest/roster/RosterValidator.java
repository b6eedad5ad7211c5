package io.repstream.ingest.roster;

import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.config.IngestConfig.FilePacing;
import io.repstream.ingest.source.PullAddressPolicy;
import io.repstream.ingest.source.StreamUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a raw {@link RosterEntry} into a {@link StreamSpec}, refusing anything malformed with a message that says what. */
public final class RosterValidator {
  /** Ids become Kafka keys, metric tags and URL path segments, so they stay plain. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  /** A gallery bigger than this is not a video call any camera or client produces. */
  public static final int MAX_GRID_SIDE = 10;

  private final IngestConfig config;
  private final PullAddressPolicy addresses;

  public RosterValidator(IngestConfig config) {
    this.config = config;
    this.addresses = new PullAddressPolicy(config.allowPrivateAddresses());
  }

  public StreamSpec validate(RosterEntry e) {
    if (e == null) {
      throw new InvalidRosterException("roster entry is empty");
    }
    String streamId = id(e.streamId(), "streamId", "stream");
    String where = "stream " + streamId + ": ";
    String classId = id(e.classId(), "classId", where);
    StreamUrl url;
    try {
      url = StreamUrl.parse(e.url(), config.allowedSchemes(), config.fileEnabled());
    } catch (IllegalArgumentException ex) {
      throw new InvalidRosterException(where + ex.getMessage());
    }
    boolean listen = Boolean.TRUE.equals(e.listen());
    if (listen && !url.scheme().equals("rtsp")) {
      throw new InvalidRosterException(where + "listen mode is only for rtsp urls, not " + url.scheme());
    }
    FilePacing pacing = config.filePacing();
    if (e.pacing() != null) {
      try {
        pacing = FilePacing.valueOf(e.pacing().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new InvalidRosterException(where + "pacing '" + e.pacing() + "' is not one of realtime, fast, loop");
      }
    }
    double fps = config.sampleFps();
    if (e.fps() != null) {
      fps = e.fps();
      if (!(fps >= IngestConfig.MIN_SAMPLE_FPS && fps <= IngestConfig.MAX_SAMPLE_FPS)) {
        throw new InvalidRosterException(where + "fps " + e.fps() + " is out of range (" + IngestConfig.MIN_SAMPLE_FPS + " to "
            + IngestConfig.MAX_SAMPLE_FPS + ")");
      }
    }
    List<Tile> tiles = tiles(e, where);
    // Last, because it may resolve a host name: an entry wrong in itself is refused without a DNS query.
    try {
      addresses.check(url, listen);
    } catch (IllegalArgumentException ex) {
      throw new InvalidRosterException(where + ex.getMessage());
    }
    return new StreamSpec(streamId, classId, url, listen, pacing, fps, tiles);
  }

  private List<Tile> tiles(RosterEntry e, String where) {
    if (e.grid() == null) {
      if (e.participants() != null) {
        throw new InvalidRosterException(where + "participants are given without a grid; use participantId for a one-person stream");
      }
      return List.of(Tile.whole(id(e.participantId(), "participantId", where)));
    }
    if (e.participantId() != null) {
      throw new InvalidRosterException(where + "give either participantId (one-person stream) or grid and participants (gallery), not both");
    }
    int rows = e.grid().rows();
    int cols = e.grid().cols();
    if (rows < 1 || cols < 1 || rows > MAX_GRID_SIDE || cols > MAX_GRID_SIDE) {
      throw new InvalidRosterException(where + "grid " + rows + "x" + cols + " is out of range (1 to " + MAX_GRID_SIDE + " rows and columns)");
    }
    List<String> names = e.participants();
    if (names == null || names.size() != rows * cols) {
      throw new InvalidRosterException(where + "a " + rows + "x" + cols + " grid needs " + rows * cols
          + " participants in reading order (null or \"\" for an empty cell), got " + (names == null ? 0 : names.size()));
    }
    List<Tile> tiles = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || name.isEmpty()) {
        continue;
      }
      String id = id(name, "participants[" + i + "]", where);
      if (!seen.add(id)) {
        throw new InvalidRosterException(where + "participant " + id + " appears in two cells of the grid");
      }
      tiles.add(new Tile(id, i / cols, i % cols, rows, cols));
    }
    if (tiles.isEmpty()) {
      throw new InvalidRosterException(where + "the grid has no participants");
    }
    return tiles;
  }

  private static String id(String value, String field, String where) {
    if (value == null || value.isBlank()) {
      throw new InvalidRosterException(where + (where.endsWith(": ") ? "" : " ") + field + " is missing");
    }
    if (!ID.matcher(value).matches()) {
      throw new InvalidRosterException(where + (where.endsWith(": ") ? "" : " ") + field + " '" + value
          + "' may only hold letters, digits, '.', '_' and '-' (at most 128)");
    }
    return value;
  }
}
