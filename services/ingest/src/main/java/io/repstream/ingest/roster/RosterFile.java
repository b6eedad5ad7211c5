package io.repstream.ingest.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The roster file: {@code {"streams": [RosterEntry, ...]}} in JSON. */
public final class RosterFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Contents(List<RosterEntry> streams) {
    public Contents {
      streams = streams == null ? List.of() : List.copyOf(streams);
    }
  }

  private RosterFile() {}

  public static List<RosterEntry> read(Path file) {
    try {
      return JSON.readValue(Files.readString(file), Contents.class).streams();
    } catch (JsonProcessingException e) {
      throw new InvalidRosterException("roster file " + file + " is not valid: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : ""));
    } catch (IOException e) {
      throw new InvalidRosterException("cannot read roster file " + file + ": " + e);
    }
  }

  public static void write(Path file, List<RosterEntry> entries) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Contents(entries)));
  }
}
