package io.repstream.common.kafka;

import io.repstream.schemas.ClassControl;
import io.repstream.schemas.Frame;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: every record starts with the
 * two marker bytes C3 01 and the 8-byte fingerprint of its writer schema. A reader therefore refuses a record
 * written with an unknown schema, or not written by Avro at all, with a {@link RecordFormatException} that
 * says which, instead of decoding garbage.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
  /** Marker (2 bytes) plus schema fingerprint (8 bytes). */
  private static final int HEADER_BYTES = 10;

  private final String typeName;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  public AvroSerde(String typeName, BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
    this.typeName = typeName;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  public static AvroSerde<Frame> frame() {
    return new AvroSerde<>("Frame", Frame.getEncoder(), Frame.getDecoder());
  }

  public static AvroSerde<Prediction> prediction() {
    return new AvroSerde<>("Prediction", Prediction.getEncoder(), Prediction.getDecoder());
  }

  public static AvroSerde<RepEvent> repEvent() {
    return new AvroSerde<>("RepEvent", RepEvent.getEncoder(), RepEvent.getDecoder());
  }

  public static AvroSerde<ParticipantStatus> participantStatus() {
    return new AvroSerde<>("ParticipantStatus", ParticipantStatus.getEncoder(), ParticipantStatus.getDecoder());
  }

  /**
   * Also reads records written with an earlier, compatible version of this record's schema (see
   * schemas/README.md): single-object decoding finds the writer's schema by fingerprint, so it must know it.
   */
  public AvroSerde<T> alsoReading(Schema previousWriterSchema) {
    decoder.addSchema(previousWriterSchema);
    return this;
  }

  public static AvroSerde<ClassControl> classControl() {
    return new AvroSerde<>("ClassControl", ClassControl.getEncoder(), ClassControl.getDecoder());
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    try {
      ByteBuffer buf = encoder.encode(record);
      return Arrays.copyOfRange(buf.array(), buf.arrayOffset() + buf.position(), buf.arrayOffset() + buf.limit());
    } catch (IOException | RuntimeException e) {
      throw new RecordFormatException("cannot encode " + typeName + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (BadHeaderException e) {
      throw new RecordFormatException(where(topic, data) + " is not an Avro single-object record (it lacks the C3 01 marker)", e);
    } catch (MissingSchemaException e) {
      throw new RecordFormatException(where(topic, data) + " was written with an unknown schema, fingerprint "
          + fingerprint(data) + ": not a " + typeName + " this version can read", e);
    } catch (IOException | RuntimeException e) {
      throw new RecordFormatException(where(topic, data) + " could not be decoded as a " + typeName
          + " (truncated or corrupt): " + e.getMessage(), e);
    }
  }

  private String where(String topic, byte[] data) {
    return "record of " + data.length + " bytes on topic " + topic;
  }

  private static String fingerprint(byte[] data) {
    return data.length >= HEADER_BYTES ? HexFormat.of().formatHex(data, 2, HEADER_BYTES) : "(too short)";
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
