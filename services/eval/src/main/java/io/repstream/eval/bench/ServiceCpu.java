package io.repstream.eval.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time and allocated bytes per service of a pipeline running in this JVM, from per-thread counters grouped
 * by thread name. Threads come and go (a stream's thread ends with its clip), so counters are sampled often and
 * only the growth since the previous sample is added up. What the JVM cannot attribute to a Java thread (PyTorch's
 * OpenMP workers, garbage collection, the JIT) is the process's CPU time minus the threads' sum.
 */
final class ServiceCpu {
  static final String NATIVE = "native+gc+jit";
  /** Service names in report order; the first whose marker a thread name contains owns the thread. */
  private static final List<Map.Entry<String, List<String>>> SERVICES = List.of(
      Map.entry("ingest", List.of("ingest")),
      Map.entry("classifier", List.of("classifier")),
      Map.entry("counter", List.of("repstream-counter", "StreamThread")),
      Map.entry("bench", List.of(E2eBench.THREAD_PREFIX)),
      Map.entry("broker+other", List.of("")));

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, long[]> lastByThread = new HashMap<>();
  private final Map<String, long[]> totals = new LinkedHashMap<>();
  private long processCpuStart;
  private long wallStart;

  ServiceCpu() {
    threads.setThreadCpuTimeEnabled(true);
    threads.setThreadAllocatedMemoryEnabled(true);
  }

  /** Starts counting from now. */
  synchronized void reset() {
    lastByThread.clear();
    totals.clear();
    for (Map.Entry<String, List<String>> s : SERVICES) {
      totals.put(s.getKey(), new long[2]);
    }
    sample(false);
    processCpuStart = os.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  /** Adds the growth since the previous sample; before the first {@link #reset} it only remembers where threads stand. */
  synchronized void sample() {
    sample(!totals.isEmpty());
  }

  private void sample(boolean add) {
    long[] ids = threads.getAllThreadIds();
    long[] cpu = threads.getThreadCpuTime(ids);
    long[] allocated = threads.getThreadAllocatedBytes(ids);
    var infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] == null || cpu[i] < 0) {
        continue;
      }
      long[] last = lastByThread.get(ids[i]);
      if (add) {
        long[] t = totals.get(service(infos[i].getThreadName()));
        // A thread first seen now started since the previous sample: all of its time is new.
        t[0] += cpu[i] - (last == null ? 0 : last[0]);
        t[1] += Math.max(0, allocated[i]) - (last == null ? 0 : last[1]);
      }
      lastByThread.put(ids[i], new long[] {cpu[i], Math.max(0, allocated[i])});
    }
  }

  static String service(String threadName) {
    for (Map.Entry<String, List<String>> s : SERVICES) {
      for (String marker : s.getValue()) {
        if (threadName.contains(marker)) {
          return s.getKey();
        }
      }
    }
    throw new IllegalStateException("unreachable: the last service takes every thread");
  }

  /** Cores used per service (CPU seconds per wall second) since {@link #reset}, with {@link #NATIVE} last. */
  synchronized Map<String, Double> cores() {
    sample(true);
    double wall = System.nanoTime() - wallStart;
    Map<String, Double> out = new LinkedHashMap<>();
    long javaThreads = 0;
    for (Map.Entry<String, long[]> e : totals.entrySet()) {
      out.put(e.getKey(), e.getValue()[0] / wall);
      javaThreads += e.getValue()[0];
    }
    out.put(NATIVE, Math.max(0, os.getProcessCpuTime() - processCpuStart - javaThreads) / wall);
    return out;
  }

  /** Bytes allocated per wall second, per service, since {@link #reset}. */
  synchronized Map<String, Double> allocationRates() {
    double seconds = (System.nanoTime() - wallStart) / 1e9;
    Map<String, Double> out = new LinkedHashMap<>();
    totals.forEach((k, v) -> out.put(k, v[1] / seconds));
    return out;
  }

  static String format(Map<String, Double> values, String unit, double scale) {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f%s", k, v / scale, unit)));
    return b.toString();
  }
}
