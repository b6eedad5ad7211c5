package io.repstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The repository's deploy/ folder as the tests read it: every Kubernetes document, the Dockerfiles, compose. */
final class DeployTree {
  static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

  /** Surefire and failsafe run in the module's folder, deploy/; the repository is its parent. */
  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isRegularFile(here.resolve("deploy/pom.xml")) ? here : here.getParent();
    if (root == null || !Files.isDirectory(root.resolve("deploy/k8s"))) {
      throw new IllegalStateException("cannot find deploy/k8s from " + here);
    }
    return root;
  }

  static Path k8sDir() {
    return repositoryRoot().resolve("deploy/k8s");
  }

  /** One YAML document of one manifest file. */
  record Manifest(String file, JsonNode body) {
    String apiVersion() {
      return body.path("apiVersion").asText();
    }

    String kind() {
      return body.path("kind").asText();
    }

    String name() {
      return body.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return file + " " + kind() + "/" + name();
    }
  }

  /** Every document of every *.yaml in deploy/k8s, in file order. */
  static List<Manifest> manifests() {
    return manifests(k8sDir());
  }

  static List<Manifest> manifests(Path dir) {
    List<Manifest> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (var parser = YAML.getFactory().createParser(f.toFile())) {
          for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode doc = it.next();
            if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
              out.add(new Manifest(f.getFileName().toString(), doc));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Manifest find(List<Manifest> all, String kind, String name) {
    return findOptional(all, kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in deploy/k8s"));
  }

  static Optional<Manifest> findOptional(List<Manifest> all, String kind, String name) {
    return all.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
  }

  static ObjectNode copy(JsonNode n) {
    return (ObjectNode) n.deepCopy();
  }

  private DeployTree() {}
}
