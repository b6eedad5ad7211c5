package io.repstream.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.schemas.Box;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Pose;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import io.repstream.schemas.ClassCommand;
import io.repstream.schemas.ClassControl;
import io.repstream.schemas.CountMethod;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private static final String TOPIC = "t";
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123Z");

  @Test
  void everyContractRecordRoundTrips() {
    Frame frame = Frame.newBuilder().setClassId("c").setParticipantId("p").setStreamId("s").setSequence(7)
        .setCaptureTime(T0).setIngestTime(T0.plusMillis(40)).setWidth(640).setHeight(360)
        .setJpeg(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3})).build();
    assertThat(roundTrip(AvroSerde.frame(), frame)).isEqualTo(frame);

    Prediction prediction = prediction();
    assertThat(roundTrip(AvroSerde.prediction(), prediction)).isEqualTo(prediction);

    RepEvent rep = RepEvent.newBuilder().setClassId("c").setParticipantId("p").setExercise("squat")
        .setKind(RepKind.PARTIAL).setMethod(CountMethod.EXERCISE_PHASES).setSetNumber(2).setRepNumber(11)
        .setStartTime(T0).setEndTime(T0.plusMillis(2100)).setDurationMillis(2100).setRangeOfMotion(0.55f)
        .setConfidence(0.9f).build();
    assertThat(roundTrip(AvroSerde.repEvent(), rep)).isEqualTo(rep);

    ParticipantStatus status = ParticipantStatus.newBuilder().setClassId("c").setParticipantId("p")
        .setState(ParticipantState.STREAM_DOWN).setExercise(null).setPhase(Phase.UNKNOWN).setSetNumber(1)
        .setRepsInSet(0).setRepsByExercise(Map.of("squat", 12, "push_up", 3)).setRepsPerMinute(0f)
        .setLastEventTime(T0).setUpdateTime(T0.plusSeconds(5)).build();
    ParticipantStatus back = roundTrip(AvroSerde.participantStatus(), status);
    assertThat(back).isEqualTo(status);
    assertThat(back.getHoldSecondsByExercise()).isEmpty();
  }

  @Test
  void recordOfAnotherSchemaIsRefusedNamingTheProblem() {
    byte[] repBytes = AvroSerde.repEvent().serialize(TOPIC, RepEvent.newBuilder().setClassId("c")
        .setParticipantId("p").setExercise("squat").setKind(RepKind.COUNTED).setMethod(CountMethod.EXERCISE_PHASES)
        .setSetNumber(1).setRepNumber(1).setStartTime(T0).setEndTime(T0).setDurationMillis(0)
        .setRangeOfMotion(1f).setConfidence(1f).build());
    assertThatThrownBy(() -> AvroSerde.frame().deserialize("repstream.frames", repBytes))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("unknown schema")
        .hasMessageContaining("not a Frame")
        .hasMessageContaining("repstream.frames");
  }

  @Test
  void bytesThatAreNotAvroAreRefused() {
    byte[] json = "{\"participantId\":\"p\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AvroSerde.prediction().deserialize(TOPIC, json))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("not an Avro single-object record");
  }

  @Test
  void truncatedRecordIsRefused() {
    byte[] whole = AvroSerde.prediction().serialize(TOPIC, prediction());
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> AvroSerde.prediction().deserialize(TOPIC, cut))
        .isInstanceOf(RecordFormatException.class)
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButRecordFormatException() {
    Random random = new Random(20261123L);
    AvroSerde<Prediction> serde = AvroSerde.prediction();
    byte[] valid = serde.serialize(TOPIC, prediction());
    for (int i = 0; i < 2_000; i++) {
      byte[] data;
      if (i % 2 == 0) {
        data = new byte[random.nextInt(200)];
        random.nextBytes(data);
      } else {
        // Keep the valid header so the decoder gets past the fingerprint and chews on a corrupt body.
        data = valid.clone();
        for (int k = 0; k < 1 + random.nextInt(8); k++) {
          int at = 10 + random.nextInt(data.length - 10);
          data[at] = (byte) random.nextInt(256);
        }
      }
      try {
        serde.deserialize(TOPIC, data);
      } catch (RecordFormatException expected) {
        // The only acceptable failure.
      } catch (OutOfMemoryError | RuntimeException e) {
        throw new AssertionError("case " + i + " escaped as " + e, e);
      }
    }
  }

  @Test
  void recordsOfAnEarlierCompatibleSchemaAreReadOnceThatSchemaIsKnown() throws Exception {
    // ParticipantStatus as it was before holdSecondsByExercise (a field with a default) was added.
    Schema current = ParticipantStatus.getClassSchema();
    Schema previous = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
        current.getFields().stream().filter(f -> !f.name().equals("holdSecondsByExercise"))
            .map(f -> new Schema.Field(f, f.schema())).toList());
    assertThat(previous.getField("holdSecondsByExercise")).isNull();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

    GenericRecord old = new GenericData.Record(previous);
    for (Schema.Field f : previous.getFields()) {
      old.put(f.name(), f.hasDefaultValue() ? GenericData.get().getDefaultValue(f) : null);
    }
    old.put("classId", "c");
    old.put("participantId", "p");
    old.put("state", new GenericData.EnumSymbol(previous.getField("state").schema(), "IDLE"));
    old.put("phase", new GenericData.EnumSymbol(previous.getField("phase").schema(), "TOP"));
    old.put("setNumber", 1);
    old.put("repsInSet", 4);
    old.put("repsByExercise", Map.of("squat", 4));
    old.put("repsPerMinute", 12f);
    old.put("lastEventTime", T0.toEpochMilli());
    old.put("updateTime", T0.toEpochMilli());
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), previous).encode(old).array();

    assertThatThrownBy(() -> AvroSerde.participantStatus().deserialize(TOPIC, bytes))
        .hasMessageContaining("unknown schema");
    ParticipantStatus read = AvroSerde.participantStatus().alsoReading(previous).deserialize(TOPIC, bytes);
    assertThat(read.getRepsInSet()).isEqualTo(4);
    assertThat(read.getState()).isEqualTo(ParticipantState.IDLE);
    assertThat(read.getHoldSecondsByExercise()).isEmpty();
  }

  @Test
  void everyRecordTypeRefusesCorruptBodiesAndRecordsOfAnotherType() {
    Frame frame = Frame.newBuilder().setClassId("c").setParticipantId("p").setStreamId("s").setSequence(7)
        .setCaptureTime(T0).setIngestTime(T0).setWidth(640).setHeight(360).setJpeg(ByteBuffer.wrap(new byte[300])).build();
    RepEvent rep = RepEvent.newBuilder().setClassId("c").setParticipantId("p").setExercise("squat")
        .setKind(RepKind.COUNTED).setMethod(CountMethod.EXERCISE_PHASES).setSetNumber(1).setRepNumber(1)
        .setStartTime(T0).setEndTime(T0.plusMillis(2000)).setDurationMillis(2000).setRangeOfMotion(0.9f).setConfidence(0.9f).build();
    ParticipantStatus status = ParticipantStatus.newBuilder().setClassId("c").setParticipantId("p")
        .setState(ParticipantState.ACTIVE).setExercise("squat").setPhase(Phase.TOP).setSetNumber(1).setRepsInSet(3)
        .setRepsByExercise(Map.of("squat", 3)).setRepsPerMinute(10f).setLastEventTime(T0).setUpdateTime(T0).build();
    ClassControl control = ClassControl.newBuilder().setClassId("c").setCommand(ClassCommand.NEW_SET).setIssuedAt(T0)
        .setIssuedBy("trainer").build();
    Random random = new Random(20261130L);
    fuzzBodies(AvroSerde.frame(), frame, random);
    fuzzBodies(AvroSerde.repEvent(), rep, random);
    fuzzBodies(AvroSerde.participantStatus(), status, random);
    fuzzBodies(AvroSerde.classControl(), control, random);

    byte[] prediction = AvroSerde.prediction().serialize(TOPIC, prediction());
    for (AvroSerde<?> other : List.of(AvroSerde.frame(), AvroSerde.repEvent(), AvroSerde.participantStatus(), AvroSerde.classControl())) {
      assertThatThrownBy(() -> other.deserialize(TOPIC, prediction)).isInstanceOf(RecordFormatException.class)
          .hasMessageContaining("unknown schema");
    }
  }

  /** Corrupts the body of a valid record a thousand ways; the only acceptable failure is RecordFormatException. */
  private static <T extends org.apache.avro.specific.SpecificRecord> void fuzzBodies(AvroSerde<T> serde, T record, Random random) {
    byte[] valid = serde.serialize(TOPIC, record);
    int refused = 0;
    for (int i = 0; i < 1_000; i++) {
      byte[] data = valid.clone();
      for (int k = 0; k < 1 + random.nextInt(6); k++) {
        data[10 + random.nextInt(data.length - 10)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        data = java.util.Arrays.copyOf(data, 10 + random.nextInt(data.length - 10));
      }
      try {
        serde.deserialize(TOPIC, data);
      } catch (RecordFormatException expected) {
        refused++;
      } catch (OutOfMemoryError | RuntimeException e) {
        throw new AssertionError(record.getSchema().getName() + " case " + i + " escaped as " + e, e);
      }
    }
    assertThat(refused).as(record.getSchema().getName() + " corruptions refused").isPositive();
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(AvroSerde.participantStatus().serialize(TOPIC, null)).isNull();
    assertThat(AvroSerde.participantStatus().deserialize(TOPIC, null)).isNull();
  }

  static Prediction prediction() {
    List<Keypoint> kps = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      kps.add(new Keypoint(i / 17f, 1 - i / 17f, 0.5f + i / 40f));
    }
    return Prediction.newBuilder().setClassId("c").setParticipantId("p").setStreamId("s").setSequence(3)
        .setCaptureTime(T0).setIngestTime(T0.plusMillis(30)).setPredictTime(T0.plusMillis(90))
        .setPose(new Pose(new Box(0.1f, 0.2f, 0.6f, 0.9f), 0.8f, kps))
        .setExercise("squat")
        .setExerciseProbabilities(List.of(new LabelProbability("squat", 0.9f), new LabelProbability("lunge", 0.05f)))
        .setPhase(Phase.BOTTOM)
        .setPhaseProbabilities(List.of(new LabelProbability("BOTTOM", 0.8f), new LabelProbability("MOVING", 0.2f)))
        .setModelName("movenet-lightning+exercise").setModelVersion("1").setInferenceMillis(12.5f).build();
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(AvroSerde<T> serde, T record) {
    return serde.deserialize(TOPIC, serde.serialize(TOPIC, record));
  }
}
