package io.liquidstream.schemas;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One realistic instance of every message type, for codec tests. */
public final class SampleRecords {

    private SampleRecords() {
    }

    public static EventPacket visionPacket() {
        EventPacket packet = EventPackets.fromColumns("dvs-0", Modality.VISION, 42L, 1_700_000_000_000_000L,
                new int[] {0, 3, 3, 150, 4_000, 311_175},
                new int[] {0, 33, 12, 17, 5, 9},
                new int[] {1, 0, 33, 17, 30, 2},
                new int[] {1, 0, 0, 1, 1, 0});
        packet.setSampleId("nmnist-train-00017");
        packet.setLabel(7);
        packet.setEndOfSample(true);
        return packet;
    }

    public static EventPacket audioPacket() {
        return EventPackets.fromColumns("cochlea-3", Modality.AUDIO, 0L, 5L,
                new int[] {0, 1_000, 2_500}, new int[] {63, 0, 12}, new int[0], new int[0]);
    }

    public static SensorInfo sensorInfo() {
        return SensorInfo.newBuilder().setSource("dvs-0").setModality(Modality.VISION)
                .setWidth(34).setHeight(34).setPolarities(2).setChannels(34 * 34)
                .setDescription("ATIS sensor on a pan-tilt unit").build();
    }

    public static Embedding embedding() {
        return Embedding.newBuilder().setSource("cochlea-3").setModality(Modality.AUDIO)
                .setSampleId(null).setWindowStartMicros(1_000L).setWindowEndMicros(2_001_000L)
                .setModelVersion("lsm-2026.11-seed7").setVector(List.of(0.6f, -0.8f, 0.0f, Float.MIN_VALUE))
                .setFirstEventMicros(10L).setWindowCloseMicros(20L).setEmitMicros(31L).setLabel(3).build();
    }

    public static Association association() {
        return Association.newBuilder().setSource("cochlea-3").setModality(Modality.AUDIO)
                .setSampleId("tidigits-8-a").setMatches(List.of(
                        Match.newBuilder().setClassLabel(8).setSampleId("anchor-8").setModality(Modality.VISION)
                                .setScore(0.91f).build(),
                        Match.newBuilder().setClassLabel(null).setSampleId("img-77").setModality(Modality.VISION)
                                .setScore(-0.25f).build()))
                .setPredictedClass(8).setLabel(8).setModelVersion("lsm-2026.11-seed7")
                .setFirstEventMicros(1L).setWindowCloseMicros(2L).setEmitMicros(3L).build();
    }

    public static ClassAnchor eventAnchor() {
        return ClassAnchor.newBuilder().setAnchorId("anchor-8").setClassLabel(8).setModality(Modality.VISION)
                .setExemplar(visionPacket()).setCreatedMicros(99L).setNote("first eight").build();
    }

    public static ClassAnchor embeddingAnchor() {
        return ClassAnchor.newBuilder().setAnchorId("anchor-9").setClassLabel(9).setModality(Modality.AUDIO)
                .setExemplar(embedding()).setCreatedMicros(100L).build();
    }

    public static Decoded decoded() {
        return Decoded.newBuilder().setSource("rig-2/neural").setModality(Modality.NEURAL)
                .setWindowStartMicros(8_000_000L).setHopStartMicros(9_990_000L).setWindowEndMicros(10_000_000L)
                .setModelVersion("lsm-2026.11-seed7").setNames(List.of("vx", "vy"))
                .setValues(List.of(0.25f, -1.5f)).setLabel(null)
                .setFirstEventMicros(40L).setWindowCloseMicros(41L).setEmitMicros(43L).build();
    }

    /** @return every sample, covering every message type and both branches of the anchor union */
    public static List<SpecificRecord> all() {
        return List.of(visionPacket(), audioPacket(), sensorInfo(), embedding(), association(),
                eventAnchor(), embeddingAnchor(), decoded());
    }
}
