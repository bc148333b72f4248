package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.core.stream.InvalidPacketException;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.PacketReader;
import io.liquidstream.core.stream.RejectReason;
import io.liquidstream.core.stream.Rejected;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.liquidstream.schemas.codec.RecordDecodingException;
import java.util.function.LongSupplier;

/** Turns received bytes into a validated packet, or a {@link Rejected} naming why and where. */
final class PacketDecoder {

    private final AnyEncodingDecoder<EventPacket> codec;
    private final PacketReader reader;
    private final LongSupplier clock;

    PacketDecoder(AnyEncodingDecoder<EventPacket> codec, PacketReader reader, LongSupplier clock) {
        this.codec = codec;
        this.reader = reader;
        this.clock = clock;
    }

    Outcome<ReceiverRecord<String, byte[]>> decode(ReceiverRecord<String, byte[]> record) {
        long received = clock.getAsLong();
        String where = where(record);
        byte[] bytes = record.value();
        if (bytes == null) {
            return new Rejected<>(record, RejectReason.UNDECODABLE, "expected an EventPacket, found a null value at "
                    + where);
        }
        EventPacket packet;
        try {
            packet = codec.decode(bytes);
        } catch (RecordDecodingException e) {
            RejectReason reason = switch (e.reason()) {
                case UNKNOWN_SCHEMA, INCOMPATIBLE_SCHEMA -> RejectReason.UNKNOWN_SCHEMA;
                case TOO_LARGE -> RejectReason.OVERSIZED;
                default -> RejectReason.UNDECODABLE;
            };
            return new Rejected<>(record, reason, e.getMessage() + " at " + where);
        }
        try {
            return reader.read(packet, received, record, where);
        } catch (InvalidPacketException e) {
            return new Rejected<>(record, e.reason(), e.getMessage());
        }
    }

    static String where(ReceiverRecord<?, ?> record) {
        return record.topicPartition() + " offset " + record.receiverOffset().offset();
    }
}
