package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterModelTest {
  @TempDir Path dir;

  @Test
  void theHomeVariableWinsOverTheWorkingDirectoryAndAMissOnEitherSaysWhereItLooked() throws Exception {
    Path checkout = dir.resolve("checkout");
    Path model = Files.createDirectories(checkout.resolve(StarterModel.FOLDER));
    Files.writeString(model.resolve("model.json"), "{}");
    Path module = Files.createDirectories(checkout.resolve("services/eval"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    // From a module's folder in a Maven build, two levels below the checkout.
    assertThat(StarterModel.find(null, module)).contains(model);
    assertThat(StarterModel.find(checkout.toString(), elsewhere)).contains(model);
    // A launcher copied out of the checkout points the variable at the wrong place: the working directory no longer helps.
    assertThat(StarterModel.find(elsewhere.toString(), module)).isEmpty();
    assertThat(StarterModel.searched(elsewhere.toString(), module))
        .contains(elsewhere.resolve(StarterModel.FOLDER).toString()).contains("REPSTREAM_HOME=" + elsewhere);
    assertThat(StarterModel.find(null, elsewhere)).isEmpty();
    assertThat(StarterModel.searched(null, elsewhere)).isEqualTo("models/starter in " + elsewhere + " and up to 3 folders above it");
  }
}
