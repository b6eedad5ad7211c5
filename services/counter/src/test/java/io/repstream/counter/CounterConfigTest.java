package io.repstream.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.kafka.Topic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterConfigTest {
  @Test
  void builtInDefaultsAreValid() {
    CounterConfig c = CounterConfig.withOverrides(Map.of());
    assertThat(c.counting().reorderGrace()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.counting().phaseEnter()).isGreaterThan(c.counting().phaseExit());
    assertThat(c.streamDownAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.topics().name(Topic.PREDICTIONS)).isEqualTo("repstream.predictions");
    assertThat(c.applicationId()).isEqualTo("repstream-counter");
  }

  @Test
  void environmentOverridesTheDefaults() {
    CounterConfig c = CounterConfig.load(null, Map.of("REPSTREAM_COUNTER_REORDER_GRACE", "1s",
        "REPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093"));
    assertThat(c.counting().reorderGrace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-1:9093");
  }

  @Test
  void aBandlessHysteresisIsRefusedWithBothKeysNamed() {
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.phase.exit", "0.7")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("counter.phase.exit = '0.7'")
        .hasMessageContaining("counter.phase.enter")
        .hasMessageContaining("command line");
  }

  @Test
  void malformedAndOutOfRangeValuesNameKeyValueAndExpectation() {
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.reorder.grace", "soon")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("counter.reorder.grace = 'soon'")
        .hasMessageContaining("a duration");
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.exercise.switch.share", "0.4")))
        .hasMessageContaining("above 0.5");
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.stream.down.after", "100ms")))
        .hasMessageContaining("counter.punctuate.interval");
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.application.id", "my counter")))
        .hasMessageContaining("counter.application.id = 'my counter'");
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.reps.from", "video")))
        .hasMessageContaining("counter.reps.from = 'video'")
        .hasMessageContaining("phases, motion");
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.periodic.glitch.factor", "0")))
        .hasMessageContaining("counter.periodic.glitch.factor = '0'");
  }

  @Test
  void aSettingEmptiedEverywhereIsReportedMissing() {
    assertThatThrownBy(() -> CounterConfig.withOverrides(Map.of("counter.set.rest", "")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("missing required setting counter.set.rest")
        .hasMessageContaining("REPSTREAM_COUNTER_SET_REST");
  }
}
