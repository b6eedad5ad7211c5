package io.repstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DropOldestQueueTest {
  @Test
  void whenFullTheOldestGoesAndTheNewestStays() throws Exception {
    DropOldestQueue<Integer> q = new DropOldestQueue<>(3);
    List<Integer> evicted = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Integer e = q.offer(i);
      if (e != null) {
        evicted.add(e);
      }
    }
    assertThat(evicted).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(q.size()).isEqualTo(3);
    assertThat(q.poll(0, TimeUnit.MILLISECONDS)).isEqualTo(7);
    assertThat(q.poll(0, TimeUnit.MILLISECONDS)).isEqualTo(8);
    assertThat(q.poll(0, TimeUnit.MILLISECONDS)).isEqualTo(9);
    assertThat(q.poll(10, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aWaitingConsumerWakesForANewElement() throws Exception {
    DropOldestQueue<String> q = new DropOldestQueue<>(1);
    Thread producer = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      q.offer("frame");
    });
    producer.start();
    assertThat(q.poll(10, TimeUnit.SECONDS)).isEqualTo("frame");
    producer.join();
  }
}
