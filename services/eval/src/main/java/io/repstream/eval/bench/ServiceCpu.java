package io.repstream.eval.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time and allocated bytes per service of a pipeline running in this JVM, from per-thread counters grouped
 * by thread name. Threads come and go (a stream's thread ends with its clip), so counters are sampled often and
 * only the growth since the previous sample is added up. The JVM's own threads (the JIT compilers, the garbage
 * collector) are hidden from those counters; on Linux they are read from {@code /proc/self/task} by name. What is
 * left of the process's CPU time (PyTorch's OpenMP workers, FFmpeg's decoder threads) is {@link #NATIVE}; where
 * {@code /proc} is missing, that remainder holds the JIT and GC too and is called {@link #NATIVE_GC_JIT}.
 */
final class ServiceCpu {
  static final String JIT = "jit";
  static final String GC = "gc";
  static final String NATIVE = "native";
  static final String NATIVE_GC_JIT = "native+gc+jit";
  private static final Path TASKS = Path.of("/proc/self/task");
  /** Linux's USER_HZ, the unit of the CPU times in {@code /proc/<pid>/task/<tid>/stat}, on every mainstream kernel. */
  private static final long NANOS_PER_CLOCK_TICK = 10_000_000L;
  /** Fields 14 and 15 of {@code stat} (utime, stime), counted from the field after the command name. */
  private static final int UTIME_AFTER_COMM = 11;
  private static final int STIME_AFTER_COMM = 12;
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
  /** Whether the kernel shows this process's threads, to tell the JIT and GC apart (Linux). */
  private final boolean threadsVisible = Files.isDirectory(TASKS);
  private long processCpuStart;
  private long[] jvmThreadsStart = new long[2];
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
    if (threadsVisible) {
      jvmThreadsStart = jvmThreadsCpu();
    }
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

  /**
   * Cores used per service (CPU seconds per wall second) since {@link #reset}, then {@link #JIT}, {@link #GC} and
   * {@link #NATIVE} (or {@link #NATIVE_GC_JIT} alone where {@code /proc} is missing).
   */
  synchronized Map<String, Double> cores() {
    sample(true);
    double wall = System.nanoTime() - wallStart;
    Map<String, Double> out = new LinkedHashMap<>();
    long accounted = 0;
    for (Map.Entry<String, long[]> e : totals.entrySet()) {
      out.put(e.getKey(), e.getValue()[0] / wall);
      accounted += e.getValue()[0];
    }
    long rest = os.getProcessCpuTime() - processCpuStart - accounted;
    if (threadsVisible) {
      long[] jvm = jvmThreadsCpu();
      long jit = jvm[0] - jvmThreadsStart[0];
      long gc = jvm[1] - jvmThreadsStart[1];
      out.put(JIT, jit / wall);
      out.put(GC, gc / wall);
      out.put(NATIVE, Math.max(0, rest - jit - gc) / wall);
    } else {
      out.put(NATIVE_GC_JIT, Math.max(0, rest) / wall);
    }
    return out;
  }

  /** CPU nanoseconds of the JVM's compiler threads and of its collector threads, as the kernel counts them now. */
  private static long[] jvmThreadsCpu() {
    long[] jitAndGc = new long[2];
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended while the folder was read
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
          continue;
        }
        int kind = jvmThreadKind(stat.substring(open + 1, close));
        if (kind >= 0) {
          String[] fields = stat.substring(close + 2).split(" ");
          jitAndGc[kind] += (Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM])) * NANOS_PER_CLOCK_TICK;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TASKS, e);
    }
    return jitAndGc;
  }

  /** 0 for a JIT compiler thread, 1 for a garbage collector's (and the VM thread's safepoint work), else -1. */
  static int jvmThreadKind(String threadName) {
    if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
      return 0;
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
      return 1;
    }
    return -1;
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
