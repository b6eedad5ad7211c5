package io.repstream.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class E2eBenchTest {
  @Test
  void lagGrowthIsTheLeastSquaresSlope() {
    assertThat(E2eBench.slope(List.of(new double[] {0, 10}, new double[] {1, 12}, new double[] {2, 14}))).isCloseTo(2, within(1e-9));
    assertThat(E2eBench.slope(List.of(new double[] {0, 5}, new double[] {1, 9}, new double[] {2, 5}))).isCloseTo(0, within(1e-9));
    assertThat(E2eBench.slope(List.of(new double[] {0, 5}))).isZero();
  }

  @Test
  void threadsBelongToTheServiceTheirNameSays() {
    assertThat(ServiceCpu.service("ingest-student-001-2")).isEqualTo("ingest");
    assertThat(ServiceCpu.service("kafka-producer-network-thread | repstream-ingest")).isEqualTo("ingest");
    assertThat(ServiceCpu.service("classifier-worker-0")).isEqualTo("classifier");
    assertThat(ServiceCpu.service("repstream-counter-3f2a-StreamThread-1")).isEqualTo("counter");
    assertThat(ServiceCpu.service("e2e-bench-probe")).isEqualTo("bench");
    assertThat(ServiceCpu.service("data-plane-kafka-request-handler-0")).isEqualTo("broker+other");
  }
}
