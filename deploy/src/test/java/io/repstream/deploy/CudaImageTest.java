package io.repstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CUDA image asks DJL for a libtorch that the DJL version in use can drive: the same PyTorch version as the
 * build's CPU natives, and a flavour for which pytorch-jni carries a JNI bridge. Also: it runs offline and
 * with the same JVM settings as the CPU image.
 */
class CudaImageTest {
  private static final Path DOCKER = DeployTree.repositoryRoot().resolve("deploy/docker");

  @Test
  void asksForTheBuildsPytorchVersionInAFlavourDjlHasABridgeFor() throws Exception {
    Map<String, String> cuda = ImageDefinition.read(DOCKER.resolve("Dockerfile.cuda")).environment();
    String pytorchVersion = System.getProperty("repstream.pytorch.version");
    assertThat(pytorchVersion).as("set by deploy/pom.xml from the parent's pytorch.native.version").isNotBlank();
    assertThat(cuda).containsEntry("PYTORCH_VERSION", pytorchVersion).containsKey("PYTORCH_LIBRARY_PATH");

    String flavour = cuda.get("PYTORCH_FLAVOR");
    assertThat(flavour).startsWith("cu");
    String bridge = "jnilib/linux-x86_64/" + flavour + "/libdjl_torch.so";
    assertThat(getClass().getClassLoader().getResource(bridge))
        .as("pytorch-jni " + pytorchVersion + "-" + System.getProperty("repstream.djl.version") + " has " + bridge)
        .isNotNull();
    assertThat(getClass().getClassLoader().getResource("jnilib/linux-x86_64/cu999/libdjl_torch.so")).isNull();
  }

  @Test
  void runsOfflineWithTheCpuImagesJvmSettings() throws Exception {
    Map<String, String> cpu = ImageDefinition.read(DOCKER.resolve("Dockerfile")).environment();
    ImageDefinition cuda = ImageDefinition.read(DOCKER.resolve("Dockerfile.cuda"));
    assertThat(cpu.get("JAVA_TOOL_OPTIONS")).contains("-Dai.djl.offline=true");
    for (String shared : new String[] {"JAVA_TOOL_OPTIONS", "OPT_OUT_TRACKING", "OMP_WAIT_POLICY", "DJL_CACHE_DIR"}) {
      assertThat(cuda.environment()).containsEntry(shared, cpu.get(shared));
    }
    assertThat(cuda.entrypoint()).isEqualTo(ImageDefinition.read(DOCKER.resolve("Dockerfile")).entrypoint());
  }
}
