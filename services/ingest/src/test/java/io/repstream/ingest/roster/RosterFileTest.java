package io.repstream.ingest.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.ingest.config.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster file as an operator, or a careless script, may write it. */
class RosterFileTest {
  private static final String GOOD = """
      {"streams": [
        {"streamId": "cam-1", "classId": "yoga", "url": "rtsp://203.0.113.5/live", "participantId": "alice"},
        {"streamId": "gallery", "classId": "hiit", "url": "rtsp://203.0.113.6/class", "grid": {"rows": 1, "cols": 2},
         "participants": ["bob", "carol"], "fps": 5}
      ]}
      """;
  /** Mutated rosters tried: about two seconds on the 2-core CI machine. */
  private static final int FUZZ_ROUNDS = 1_000;

  @TempDir Path dir;

  private Path write(String json) throws Exception {
    Path f = dir.resolve("roster.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void aGoodRosterReadsEveryEntry() throws Exception {
    List<RosterEntry> entries = RosterFile.read(write(GOOD));
    assertThat(entries).extracting(RosterEntry::streamId).containsExactly("cam-1", "gallery");
    assertThat(entries.get(1).participants()).containsExactly("bob", "carol");
  }

  @Test
  void anUnknownFieldIsRefusedByNameAndLine() throws Exception {
    Path f = write(GOOD.replace("\"fps\": 5", "\"fps\": 5, \"colour\": \"red\""));
    assertThatThrownBy(() -> RosterFile.read(f)).isInstanceOf(InvalidRosterException.class)
        .hasMessageContaining("roster file " + f).hasMessageContaining("\"colour\"").hasMessageContaining("line 4");
    assertThatThrownBy(() -> RosterFile.read(write("{\"streams\": [], \"extra\": 1}"))).hasMessageContaining("\"extra\"");
  }

  @Test
  void wrongTypesAndBrokenJsonAreRefusedWithWhere() throws Exception {
    assertThatThrownBy(() -> RosterFile.read(write(GOOD.replace("\"fps\": 5", "\"fps\": \"fast\""))))
        .isInstanceOf(InvalidRosterException.class).hasMessageContaining("line 4");
    assertThatThrownBy(() -> RosterFile.read(write(GOOD.substring(0, GOOD.length() / 2))))
        .isInstanceOf(InvalidRosterException.class).hasMessageContaining("is not valid");
    assertThatThrownBy(() -> RosterFile.read(dir.resolve("missing.json"))).hasMessageContaining("cannot read roster file");
  }

  @Test
  void mutatedRostersAreReadAndValidatedOrRefusedNeverAnythingElse() throws Exception {
    // Private addresses allowed: mutated hosts must not send this test to DNS.
    RosterValidator validator = new RosterValidator(IngestConfig.withOverrides(Map.of("ingest.url.allow-private-addresses", "true")));
    Random random = new Random(20261130L);
    String alphabet = "{}[]\":,0123456789-.abcnrstuelf \\\n\u0000é";
    int refused = 0;
    int valid = 0;
    for (int round = 0; round < FUZZ_ROUNDS; round++) {
      StringBuilder b = new StringBuilder(GOOD);
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> b.deleteCharAt(at);
          default -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      Path f = write(b.toString());
      try {
        for (RosterEntry e : RosterFile.read(f)) {
          try {
            validator.validate(e);
            valid++;
          } catch (InvalidRosterException ex) {
            assertThat(ex.getMessage()).isNotBlank();
            refused++;
          }
        }
      } catch (InvalidRosterException ex) {
        assertThat(ex.getMessage()).contains("roster file");
        refused++;
      } catch (RuntimeException ex) {
        throw new AssertionError("round " + round + " escaped as " + ex + " for:\n" + b, ex);
      }
    }
    assertThat(refused).isGreaterThan(FUZZ_ROUNDS / 10);
    assertThat(valid).isPositive();
  }
}
