package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.Settings;
import io.repstream.vision.pose.MoveNetModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierConfigTest {
  private static Settings defaults() {
    return Settings.load(ClassifierConfig.DEFAULTS, null, Map.of());
  }

  @Test
  void defaultsRunThunderOnTheCpu() {
    ClassifierConfig c = ClassifierConfig.from(defaults());
    assertThat(c.poseModel()).isEqualTo(MoveNetModel.THUNDER);
    assertThat(c.device()).isEqualTo(Device.cpu());
  }

  @Test
  void anUnknownDeviceIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> ClassifierConfig.from(defaults().with("classifier.device", "tpu")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("classifier.device").hasMessageContaining("tpu").hasMessageContaining("cpu, gpu or gpu:N");
  }

  @Test
  void aGpuThisMachineDoesNotHaveIsRefusedAtStartNotAtTheFirstTensor() {
    int visible = Engine.getEngine("PyTorch").getGpuCount();
    String missing = "gpu:" + visible;
    assertThatThrownBy(() -> ClassifierConfig.from(defaults().with("classifier.device", missing)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("classifier.device").hasMessageContaining(missing)
        .hasMessageContaining(visible == 0 ? "PyTorch sees no GPU here" : "gpu:0 to gpu:" + (visible - 1));
  }

  @Test
  void autoWorkersAreOnePerCoreAtOneThreadEachAndNoMoreThanThePartitions() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(ClassifierConfig.from(defaults()).workers()).isEqualTo(Math.min(cores, 12));
    assertThat(ClassifierConfig.from(defaults().with("topics.partitions", "1")).workers()).isEqualTo(1);
    // PyTorch's own thread count (0) already spreads one worker over every core.
    assertThat(ClassifierConfig.from(defaults().with("classifier.pose.threads", "0")).workers()).isEqualTo(1);
    assertThat(ClassifierConfig.from(defaults().with("classifier.pose.threads", Integer.toString(cores * 2))).workers())
        .isEqualTo(1);
    assertThat(ClassifierConfig.from(defaults().with("classifier.workers", "3")).workers()).isEqualTo(3);
  }

  @Test
  void aWorkerCountThatIsNeitherAutoNorANumberIsRefused() {
    assertThatThrownBy(() -> ClassifierConfig.from(defaults().with("classifier.workers", "many")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("classifier.workers").hasMessageContaining("many").hasMessageContaining("auto or a whole number from 1 to 256");
    assertThatThrownBy(() -> ClassifierConfig.from(defaults().with("classifier.workers", "0")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("auto or a whole number");
  }
}
