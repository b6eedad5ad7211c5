package io.repstream.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoseSettingsTest {
  @Test
  void defaultsToLightningOnTheCpu() {
    PoseSettings s = PoseSettings.from(Settings.of(Map.of()));
    assertThat(s.model()).isEqualTo(MoveNetModel.LIGHTNING);
    assertThat(s.device()).isEqualTo(Device.cpu());
    assertThat(s.minPoseScore()).isEqualTo(MoveNet.DEFAULT_MIN_POSE_SCORE);
  }

  @Test
  void readsModelDeviceAndScore() {
    PoseSettings s = PoseSettings.from(Settings.of(Map.of("pose.model", "thunder", "pose.device", "gpu:1",
        "pose.min-score", "0.4")));
    assertThat(s.model()).isEqualTo(MoveNetModel.THUNDER);
    assertThat(s.device()).isEqualTo(Device.gpu(1));
    assertThat(s.minPoseScore()).isEqualTo(0.4);
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> PoseSettings.from(Settings.of(Map.of("pose.model", "hurricane"))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("pose.model").hasMessageContaining("hurricane");
    assertThatThrownBy(() -> PoseSettings.from(Settings.of(Map.of("pose.device", "tpu"))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("pose.device");
    assertThatThrownBy(() -> PoseSettings.from(Settings.of(Map.of("pose.min-score", "2"))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("pose.min-score");
  }
}
