package io.repstream.app;

import io.repstream.common.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every service command shares. */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Properties file overriding the built-in defaults; REPSTREAM_* environment variables override both.")
  Path file;

  Settings load(String defaultsResource) {
    return Settings.load(defaultsResource, file, System.getenv());
  }
}
