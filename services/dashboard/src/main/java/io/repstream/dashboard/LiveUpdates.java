package io.repstream.dashboard;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes changes to every open page of a class as Server-Sent Events: {@code snapshot} (all tiles, on
 * connect and after a trainer command), {@code tile} (one student's counts changed), {@code pose} (a new
 * thumbnail or skeleton, at most once per pose interval per student) and {@code heartbeat}, so the page can
 * tell a quiet class from a lost connection. Sending happens on one thread of its own, never on the Kafka feed's.
 */
final class LiveUpdates implements ClassBoards.Listener, AutoCloseable {
  private final ClassBoards boards;
  private final boolean withPose;
  private final long poseIntervalNanos;
  private final Map<String, Set<SseClient>> clientsByClass = new ConcurrentHashMap<>();
  private final Map<String, PoseSchedule> poseSchedules = new ConcurrentHashMap<>();
  private final AtomicInteger connected = new AtomicInteger();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dashboard-live-updates");
    t.setDaemon(true);
    return t;
  });

  LiveUpdates(ClassBoards boards, boolean withPose, Duration poseInterval, Duration heartbeat) {
    this.boards = boards;
    this.withPose = withPose;
    this.poseIntervalNanos = poseInterval.toNanos();
    sender.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Registers an open page; it gets the whole class at once, then changes. */
  void join(String classId, SseClient client) {
    client.keepAlive();
    clientsByClass.computeIfAbsent(classId, k -> new CopyOnWriteArraySet<>()).add(client);
    connected.incrementAndGet();
    client.onClose(() -> {
      clientsByClass.getOrDefault(classId, Set.of()).remove(client);
      connected.decrementAndGet();
    });
    sender.execute(() -> send(client, "snapshot", snapshot(classId)));
  }

  int connectedPages() {
    return connected.get();
  }

  @Override
  public void changed(String classId, String participantId, ClassBoards.Change change) {
    if (clientsByClass.getOrDefault(classId, Set.of()).isEmpty()) {
      return;
    }
    switch (change) {
      case CLASS -> sender.execute(() -> broadcast(classId, "snapshot", snapshot(classId)));
      case TILE -> sender.execute(() -> boards.board(classId).flatMap(b -> b.tile(participantId, withPose))
          .ifPresent(t -> broadcast(classId, "tile", t)));
      case POSE -> {
        if (withPose) {
          throttledPose(classId, participantId);
        }
      }
    }
  }

  /**
   * At most one pose event per student per interval, and never a lost last one: a change inside the interval
   * is sent when it ends, with whatever picture is newest then. A frame and its skeleton arrive on different
   * topics; dropping the second would leave the page without a thumbnail (or a skeleton) until the next one.
   */
  private void throttledPose(String classId, String participantId) {
    String key = classId + '\u0000' + participantId;
    long now = System.nanoTime();
    PoseSchedule s = poseSchedules.computeIfAbsent(key, k -> new PoseSchedule());
    long delayNanos;
    synchronized (s) {
      if (s.pending) {
        return;
      }
      s.pending = true;
      delayNanos = s.sentBefore ? Math.max(0, s.lastSent + poseIntervalNanos - now) : 0;
    }
    sender.schedule(() -> {
      synchronized (s) {
        s.pending = false;
        s.sentBefore = true;
        s.lastSent = System.nanoTime();
      }
      boards.board(classId).flatMap(b -> b.tile(participantId, true))
          .ifPresent(t -> broadcast(classId, "pose", Map.of("participantId", participantId, "pose", t.pose(),
              "thumbnail", t.thumbnail())));
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** When a student's last pose event went out, and whether one is already waiting for its turn. */
  private static final class PoseSchedule {
    boolean sentBefore;
    long lastSent;
    boolean pending;
  }

  private List<Tile> snapshot(String classId) {
    return boards.board(classId).map(b -> b.tiles(withPose)).orElse(List.of());
  }

  private void heartbeat() {
    long now = System.currentTimeMillis();
    clientsByClass.forEach((classId, clients) -> clients.forEach(c -> send(c, "heartbeat", Map.of("serverTime", now))));
  }

  private void broadcast(String classId, String event, Object data) {
    for (SseClient c : clientsByClass.getOrDefault(classId, Set.of())) {
      send(c, event, data);
    }
  }

  private static void send(SseClient client, String event, Object data) {
    if (!client.terminated()) {
      client.sendEvent(event, data);
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
    clientsByClass.values().forEach(set -> set.forEach(SseClient::close));
  }
}
