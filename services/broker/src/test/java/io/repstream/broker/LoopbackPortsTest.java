package io.repstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

class LoopbackPortsTest {
  /** A cluster of three asks for six at once; a node with one port on two listeners cannot start. */
  @RepeatedTest(20)
  void portsAskedForTogetherAreAllDifferent() {
    List<Integer> ports = LoopbackPorts.free(6);
    assertThat(ports).hasSize(6).allSatisfy(p -> assertThat(p).isBetween(1, 65535));
    assertThat(new HashSet<>(ports)).hasSize(6);
  }
}
