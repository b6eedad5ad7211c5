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

  @Test
  void theJvmsOwnThreadsAreToldApartByTheirKernelNames() {
    // Linux keeps 15 characters of a thread's name.
    assertThat(ServiceCpu.jvmThreadKind("C2 CompilerThre")).isZero();
    assertThat(ServiceCpu.jvmThreadKind("C1 CompilerThre")).isZero();
    assertThat(ServiceCpu.jvmThreadKind("GC Thread#1")).isEqualTo(1);
    assertThat(ServiceCpu.jvmThreadKind("G1 Conc#0")).isEqualTo(1);
    assertThat(ServiceCpu.jvmThreadKind("VM Thread")).isEqualTo(1);
    assertThat(ServiceCpu.jvmThreadKind("classifier-work")).isEqualTo(-1);
    assertThat(ServiceCpu.jvmThreadKind("java")).isEqualTo(-1);
  }
}
