package io.repstream.app;

import io.repstream.common.config.Settings;
import io.repstream.eval.StarterModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code --model} of demo and eval means: a folder, {@value #NONE}, or by default the shipped starter model. */
final class ModelChoice {
  private static final Logger LOG = LoggerFactory.getLogger(ModelChoice.class);
  static final String NONE = "none";

  private ModelChoice() {}

  static Optional<Path> resolve(String option) {
    if (option == null) {
      Optional<Path> starter = StarterModel.find();
      if (starter.isEmpty()) {
        LOG.warn("No starter model at {}: running without an exercise model, so no exercise is named and reps are "
            + "counted from motion alone. Pass --model DIR, or set {} to a checkout.", StarterModel.searched(),
            StarterModel.HOME_VARIABLE);
      }
      return starter;
    }
    if (option.equals(NONE)) {
      return Optional.empty();
    }
    Path dir = Path.of(option);
    if (!Files.isDirectory(dir)) {
      throw Settings.of(Map.of()).invalid("--model", option, "a model folder from repstream train, or " + NONE);
    }
    return Optional.of(dir);
  }

  /**
   * The counter settings to run with: the starter model's own (reps from movement) when it is the model in use,
   * under whatever the user set.
   */
  static Map<String, String> counterSettings(Optional<Path> model, Map<String, String> user) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (model.isPresent() && isStarter(model.get())) {
      settings.putAll(StarterModel.COUNTER_SETTINGS);
    }
    settings.putAll(user);
    return settings;
  }

  private static boolean isStarter(Path model) {
    Optional<Path> starter = StarterModel.find();
    try {
      return starter.isPresent() && Files.isSameFile(starter.get(), model);
    } catch (IOException e) {
      return false;
    }
  }
}
