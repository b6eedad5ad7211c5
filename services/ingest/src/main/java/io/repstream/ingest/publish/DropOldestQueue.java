package io.repstream.ingest.publish;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue that never blocks its producers: when full, adding evicts the oldest element and hands it
 * back so the caller can count the drop. Live video is only worth its newest frames, so under back-pressure
 * the oldest go first and memory stays bounded.
 */
public final class DropOldestQueue<T> {
  private final int capacity;
  private final ArrayDeque<T> items;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();

  public DropOldestQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.items = new ArrayDeque<>(capacity);
  }

  /** Adds {@code item}; returns the element evicted to make room, or null. */
  public T offer(T item) {
    lock.lock();
    try {
      T evicted = items.size() == capacity ? items.pollFirst() : null;
      items.addLast(item);
      notEmpty.signal();
      return evicted;
    } finally {
      lock.unlock();
    }
  }

  /** The oldest element, waiting up to {@code timeout}; null if none arrived. */
  public T poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (items.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return items.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }
}
