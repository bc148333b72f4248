package io.liquidstream.it;

import io.liquidstream.core.stream.RejectReason;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A seeded generator of records that must never become outputs: corrupted, truncated, wrongly typed
 * and hostile packets, each with the dead-letter reasons it may legitimately be rejected under.
 */
final class HostilePackets {

    /** One bad record: its kind, bytes (null for a null value) and the reasons that fit it. */
    record Bad(String kind, byte[] value, Set<RejectReason> reasons) {
    }

    private final SplittableRandom random;
    private final int maxEvents;

    /** @param maxEvents the service's {@code packet.max.events}; "huge" packets exceed it */
    HostilePackets(long seed, int maxEvents) {
        this.random = new SplittableRandom(seed);
        this.maxEvents = maxEvents;
    }

    Bad next(String source) {
        return switch (random.nextInt(13)) {
            case 0 -> new Bad("garbage", randomBytes(1 + random.nextInt(300)), Set.of(RejectReason.UNDECODABLE));
            case 1 -> truncated(source);
            case 2 -> bitFlippedHeader(source);
            case 3 -> forgedArrayLength(source);
            case 4 -> new Bad("too-many-events", Traffic.encode(Traffic.packet(ServiceTopics.VISION, source, 0, 0,
                    maxEvents + 1 + random.nextInt(100), random)), Set.of(RejectReason.OVERSIZED));
            case 5 -> outOfRange(source);
            case 6 -> negativeTime(source);
            case 7 -> decreasingTime(source);
            case 8 -> mismatchedColumns(source);
            case 9 -> new Bad("wrong-type", AvroSingleObjectCodec.of(Embedding.class).encode(embedding(source)),
                    Set.of(RejectReason.UNKNOWN_SCHEMA));
            case 10 -> unknownModality(source);
            case 11 -> badBaseTime(source);
            default -> new Bad("null-value", null, Set.of(RejectReason.UNDECODABLE));
        };
    }

    private byte[] valid(String source) {
        EventPacket p = Traffic.packet(random.nextBoolean() ? ServiceTopics.VISION : ServiceTopics.NEURAL, source, 0,
                0, 1 + random.nextInt(50), random);
        p.setSampleId("bad");
        p.setEndOfSample(true);
        return Traffic.encode(p);
    }

    private Bad truncated(String source) {
        byte[] whole = valid(source);
        return new Bad("truncated", Arrays.copyOf(whole, random.nextInt(whole.length - 1)),
                Set.of(RejectReason.UNDECODABLE));
    }

    private Bad bitFlippedHeader(String source) {
        byte[] bytes = valid(source);
        int at = 2 + random.nextInt(8);
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        return new Bad("unknown-fingerprint", bytes, Set.of(RejectReason.UNKNOWN_SCHEMA));
    }

    /** A valid header, then a body whose dt array claims up to two billion entries but holds three. */
    private Bad forgedArrayLength(String source) {
        byte[] header = Arrays.copyOf(valid(source), 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        BinaryEncoder body = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            body.writeString(source);
            body.writeEnum(Modality.VISION.ordinal());
            body.writeLong(0);
            body.writeLong(0);
            body.writeLong(1_000_000L + random.nextInt(Integer.MAX_VALUE - 1_000_000)); // forged block count
            for (int i = 0; i < 3; i++) {
                body.writeInt(i);
            }
            body.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Bad("forged-array-length", out.toByteArray(), Set.of(RejectReason.UNDECODABLE,
                RejectReason.OVERSIZED));
    }

    private Bad outOfRange(String source) {
        boolean vision = random.nextBoolean();
        EventPacket p = Traffic.packet(vision ? ServiceTopics.VISION : ServiceTopics.NEURAL, source, 0, 0, 10, random);
        int[] x = EventPackets.toIntArray(p.getX());
        x[random.nextInt(x.length)] = random.nextBoolean() ? -1 - random.nextInt(1000) : (vision ? 34 : 192)
                + random.nextInt(Integer.MAX_VALUE - 192);
        EventPacket bad = EventPackets.fromColumns(source, p.getModality(), 0, 0, EventPackets.toIntArray(p.getDt()),
                x, EventPackets.toIntArray(p.getY()), EventPackets.toIntArray(p.getP()));
        bad.setSampleId("bad");
        return new Bad("address-out-of-range", Traffic.encode(bad), Set.of(RejectReason.ADDRESS_OUT_OF_RANGE));
    }

    private Bad negativeTime(String source) {
        return new Bad("negative-time", forgedColumns(source, new int[] {0, -1 - random.nextInt(1_000_000), 5},
                new int[] {1, 2, 3}), Set.of(RejectReason.MALFORMED));
    }

    /** A base time before the epoch of the source clock, or so late that event times would overflow. */
    private Bad badBaseTime(String source) {
        long t0 = random.nextBoolean() ? -1 - random.nextLong(Long.MAX_VALUE) : Long.MAX_VALUE - random.nextInt(1000);
        EventPacket p = EventPackets.fromColumns(source, Modality.NEURAL, 0, t0, new int[] {0, 1}, new int[] {3, 4},
                new int[0], new int[0]);
        p.setSampleId("bad");
        return new Bad("bad-base-time", Traffic.encode(p), Set.of(RejectReason.BAD_TIME));
    }

    private Bad decreasingTime(String source) {
        return new Bad("decreasing-time", forgedColumns(source, new int[] {0, 500, 499}, new int[] {1, 2, 3}),
                Set.of(RejectReason.MALFORMED));
    }

    private Bad mismatchedColumns(String source) {
        return new Bad("mismatched-columns", forgedColumns(source, new int[] {0, 1, 2}, new int[] {1, 2}),
                Set.of(RejectReason.MALFORMED));
    }

    /** A neural packet built field by field, bypassing the column checks of {@link EventPackets}. */
    private static byte[] forgedColumns(String source, int[] dt, int[] x) {
        EventPacket p = EventPacket.newBuilder().setSource(source).setModality(Modality.NEURAL).setSeq(0)
                .setT0Micros(0).setDt(box(dt)).setX(box(x)).setY(List.of()).setP(List.of()).setSampleId("bad")
                .setEndOfSample(true).build();
        return Traffic.encode(p);
    }

    private Bad unknownModality(String source) {
        EventPacket p = EventPackets.fromColumns(source, Modality.AUDIO, 0, 0, new int[] {0, 1}, new int[] {3, 4},
                new int[0], new int[0]);
        p.setSampleId("bad");
        return new Bad("unknown-modality", Traffic.encode(p), Set.of(RejectReason.UNKNOWN_MODALITY));
    }

    private static Embedding embedding(String source) {
        return Embedding.newBuilder().setSource(source).setModality(Modality.VISION).setModelVersion("x")
                .setVector(List.of(0.5f, Float.NaN)).setFirstEventMicros(Long.MIN_VALUE).setWindowCloseMicros(-1)
                .setEmitMicros(0).build();
    }

    private static List<Integer> box(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
