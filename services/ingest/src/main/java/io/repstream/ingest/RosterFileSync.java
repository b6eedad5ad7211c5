package io.repstream.ingest;

import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.roster.RosterFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the service's streams in step with the roster file: reads it at start and whenever it changes, then
 * starts streams that appeared, stops those that disappeared and restarts those whose entry changed. Streams
 * added through the HTTP API are left alone. A bad entry is refused with its reason (logged and listed in
 * {@link #errors()}) without holding up the valid ones; an unreadable file changes nothing.
 */
public final class RosterFileSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RosterFileSync.class);

  private final IngestService service;
  private final Path file;
  private final ScheduledExecutorService poller;
  private final Map<String, RosterEntry> fromFile = new LinkedHashMap<>();
  private volatile List<String> errors = List.of();
  private FileTime lastModified;

  public RosterFileSync(IngestService service, Path file, Duration poll) {
    this.service = service;
    this.file = file;
    sync();
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-roster-file");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::syncIfChanged, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why entries of the file were refused at the last read. */
  public List<String> errors() {
    return errors;
  }

  private void syncIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(lastModified)) {
        sync();
      }
    } catch (IOException e) {
      LOG.warn("Cannot check roster file {}: {}", file, e.toString());
    } catch (RuntimeException e) {
      LOG.error("Roster file {} not applied: {}", file, e.getMessage());
    }
  }

  synchronized void sync() {
    List<RosterEntry> entries;
    try {
      lastModified = Files.getLastModifiedTime(file);
      entries = RosterFile.read(file);
    } catch (IOException | RuntimeException e) {
      String reason = e instanceof IOException ? "cannot read roster file " + file + ": " + e : e.getMessage();
      errors = List.of(reason);
      LOG.error("{}; streams stay as they are", reason);
      return;
    }
    Map<String, RosterEntry> wanted = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (RosterEntry e : entries) {
      if (e.streamId() != null && wanted.putIfAbsent(e.streamId(), e) != null) {
        problems.add("roster file " + file + ": stream " + e.streamId() + " is listed twice; the first entry is used");
      }
    }
    for (String id : new ArrayList<>(fromFile.keySet())) {
      RosterEntry now = wanted.get(id);
      if (now == null || !now.equals(fromFile.get(id))) {
        service.remove(id);
        fromFile.remove(id);
      }
    }
    for (RosterEntry e : entries) {
      if (e.streamId() != null && (fromFile.containsKey(e.streamId()) || wanted.get(e.streamId()) != e)) {
        continue;
      }
      try {
        service.add(e);
        fromFile.put(e.streamId(), e);
      } catch (RuntimeException ex) {
        problems.add("roster file " + file + ": " + ex.getMessage());
      }
    }
    problems.forEach(p -> LOG.error("{}", p));
    errors = List.copyOf(problems);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
