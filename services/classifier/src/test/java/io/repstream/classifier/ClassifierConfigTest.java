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
}
