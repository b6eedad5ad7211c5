package io.repstream.faults;

import io.repstream.common.kafka.AvroSerde;
import io.repstream.schemas.Prediction;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes predictions the way the classifier does: keyed by participant, acks from every in-sync replica,
 * idempotent so a retry after a broker failure does not write a record twice.
 */
final class PredictionFeed implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private long sent;

  PredictionFeed(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  void send(Prediction p) {
    producer.send(new ProducerRecord<>(topic, null, p.getCaptureTime().toEpochMilli(), p.getParticipantId(),
        AvroSerde.prediction().serialize(topic, p)));
    sent++;
  }

  void send(List<Prediction> predictions) {
    predictions.forEach(this::send);
  }

  void flush() {
    producer.flush();
  }

  long sent() {
    return sent;
  }

  @Override
  public void close() {
    producer.close();
  }
}
