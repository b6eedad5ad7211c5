package io.repstream.ingest.roster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A roster entry as written in the roster file or posted to the HTTP API, before validation. A one-person
 * stream names {@code participantId}; a gallery stream names {@code grid} and {@code participants} in
 * reading order (left to right, top to bottom), with null or "" for an empty cell. {@code fps}, if given,
 * overrides the configured sampling rate for this stream's participants.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record RosterEntry(
    String streamId,
    String classId,
    String url,
    String participantId,
    Grid grid,
    List<String> participants,
    Boolean listen,
    String pacing,
    Double fps) {

  public record Grid(int rows, int cols) {}
}
