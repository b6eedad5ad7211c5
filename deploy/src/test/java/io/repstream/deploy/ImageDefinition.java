package io.repstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the final stage of a Dockerfile gives a container: its ENV variables and its ENTRYPOINT. Read from
 * deploy/docker/Dockerfile itself so the boot test runs the services as the image would.
 */
record ImageDefinition(Map<String, String> environment, List<String> entrypoint) {
  private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S+))");

  static ImageDefinition read(Path dockerfile) throws IOException {
    // Continuation lines joined; comments dropped.
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        current.append(trimmed);
        instructions.add(current.toString());
        current.setLength(0);
      }
    }
    int lastFrom = -1;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).regionMatches(true, 0, "FROM ", 0, 5)) {
        lastFrom = i;
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    List<String> entrypoint = List.of();
    for (String in : instructions.subList(lastFrom + 1, instructions.size())) {
      if (in.regionMatches(true, 0, "ENV ", 0, 4)) {
        Matcher m = ENV_PAIR.matcher(in.substring(4));
        while (m.find()) {
          env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
        }
      } else if (in.regionMatches(true, 0, "ENTRYPOINT ", 0, 11)) {
        JsonNode array = DeployTree.YAML.readTree(in.substring(11));
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        entrypoint = List.copyOf(parts);
      }
    }
    if (env.isEmpty() || entrypoint.isEmpty()) {
      throw new IllegalStateException(dockerfile + ": its last stage has no ENV or no ENTRYPOINT");
    }
    return new ImageDefinition(Map.copyOf(env), entrypoint);
  }
}
