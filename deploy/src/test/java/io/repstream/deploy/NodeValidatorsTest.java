package io.repstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/checks/validate.mjs: the core Kubernetes kinds and KEDA's ScaledObject and TriggerAuthentication
 * against their JSON schemas (npm kubernetes-models 5.1.0, @kubernetes-models/keda 2.0.0), and both
 * Dockerfiles through dockerfile-utils 0.16.3's linter. The packages come from the npm registry pinned by
 * deploy/checks/package-lock.json (npm ci, once per checkout).
 */
class NodeValidatorsTest {
  private static Path checks;

  @BeforeAll
  static void installValidators() throws Exception {
    ExternalTool.require("node", "bin/setup installs it (Debian package nodejs)");
    checks = DeployTree.repositoryRoot().resolve("deploy/checks");
    if (!Files.isDirectory(checks.resolve("node_modules/kubernetes-models"))) {
      ExternalTool npm = ExternalTool.run(checks, Map.of(), List.of("npm", "ci", "--no-audit", "--no-fund"));
      assertThat(npm.exitCode()).as("npm ci in deploy/checks:\n" + npm.output()).isZero();
    }
  }

  @Test
  void manifestsMatchTheirSchemasAndDockerfilesLintClean() throws Exception {
    ExternalTool r = validate(DeployTree.repositoryRoot());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("ok   32-classifier.yaml ScaledObject/repstream-classifier")
        .contains("ok   32-classifier.yaml TriggerAuthentication/repstream-keda-kafka")
        .contains("ok   33-counter.yaml StatefulSet/repstream-counter")
        .contains("ok   Dockerfile (dockerfile-utils lint)")
        .contains("ok   Dockerfile.cuda (dockerfile-utils lint)")
        .contains("failures=0");
  }

  /** The same validators on a copy with one mistake in each kind of file must fail, naming the mistake. */
  @Test
  void aBrokenCopyFails(@TempDir Path copy) throws Exception {
    copyDeployTree(copy);
    Path classifier = copy.resolve("deploy/k8s/32-classifier.yaml");
    Files.writeString(classifier, Files.readString(classifier)
        .replace("maxReplicaCount: 12", "maxReplicaCount: lots")
        .replace("lagThreshold: \"200\"", "lagThreshold: 200"));
    Path dockerfile = copy.resolve("deploy/docker/Dockerfile");
    Files.writeString(dockerfile, Files.readString(dockerfile).replace("EXPOSE 8080", "EXPOSE http"));

    ExternalTool r = validate(copy);
    assertThat(r.exitCode()).isOne();
    assertThat(r.output())
        .contains("FAIL 32-classifier.yaml ScaledObject/repstream-classifier")
        .contains("maxReplicaCount must be integer")
        .contains("lagThreshold must be string")
        .contains("FAIL Dockerfile (dockerfile-utils lint")
        .contains("ok   33-counter.yaml StatefulSet/repstream-counter");
  }

  private static ExternalTool validate(Path root) throws IOException, InterruptedException {
    return ExternalTool.run(checks, Map.of(), List.of("node", "validate.mjs", root.toString()));
  }

  private static void copyDeployTree(Path to) throws IOException {
    for (String dir : List.of("deploy/k8s", "deploy/docker")) {
      Path from = DeployTree.repositoryRoot().resolve(dir);
      Files.createDirectories(to.resolve(dir));
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve(dir).resolve(f.getFileName()));
        }
      }
    }
  }
}
