package io.repstream.vision.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** What the benchmarks read besides wall time: this process's CPU time and the machine's load, and medians. */
public final class BenchClock {
  private BenchClock() {}

  /** CPU time of every thread of this process, native ones included; 0 where the JVM does not say. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** The machine's one-minute load average: benchmark figures are only comparable at similar loads. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
