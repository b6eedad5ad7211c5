package io.repstream.common.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds dead-letter records: the original key and bytes, untouched, with headers saying where they came
 * from and why they were refused, so an operator can inspect or replay them.
 */
public final class DeadLetters {
  public static final String HEADER_REASON = "repstream.error.reason";
  public static final String HEADER_SOURCE_TOPIC = "repstream.error.topic";
  public static final String HEADER_SOURCE_PARTITION = "repstream.error.partition";
  public static final String HEADER_SOURCE_OFFSET = "repstream.error.offset";
  public static final String HEADER_SERVICE = "repstream.error.service";

  private DeadLetters() {}

  public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, String service, String sourceTopic,
      int partition, long offset, byte[] key, byte[] value, String reason) {
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(deadLetterTopic, key, value);
    Headers h = r.headers();
    h.add(HEADER_REASON, utf8(reason));
    h.add(HEADER_SOURCE_TOPIC, utf8(sourceTopic));
    h.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(partition)));
    h.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(offset)));
    h.add(HEADER_SERVICE, utf8(service));
    return r;
  }

  public static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
