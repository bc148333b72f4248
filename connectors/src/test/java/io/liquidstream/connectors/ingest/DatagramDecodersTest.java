package io.liquidstream.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramDecodersTest {

    private final List<List<Long>> decoded = new ArrayList<>();
    private final EventSink sink = (t, x, y, p) -> decoded.add(List.of(t, (long) x, (long) y, (long) p));

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer t64(long[][] events) {
        ByteBuffer b = le(events.length * 13);
        for (long[] e : events) {
            b.putLong(e[0]).putShort((short) e[1]).putShort((short) e[2]).put((byte) e[3]);
        }
        return b.flip();
    }

    private static ByteBuffer t32(long[][] events) {
        ByteBuffer b = le(events.length * 8);
        for (long[] e : events) {
            b.putInt((int) e[0]).putShort((short) e[1]).putShort((short) ((e[2] << 1) | e[3]));
        }
        return b.flip();
    }

    private static int spif(int x, int y, int p, boolean timestamped) {
        return (timestamped ? 0 : SpifDecoder.NO_TIMESTAMP) | x << 16 | p << 15 | y;
    }

    @Test
    void givenT64Records_decodesTimeAddressAndPolarityOfEach() throws Exception {
        new AestreamT64Decoder().decode(t64(new long[][] {{1_700_000_000_000_000L, 639, 479, 1}, {1_700_000_000_000_007L,
            0, 3, 0}}), 0, sink);

        assertThat(decoded).containsExactly(List.of(1_700_000_000_000_000L, 639L, 479L, 1L),
                List.of(1_700_000_000_000_007L, 0L, 3L, 0L));
    }

    @Test
    void givenT64DatagramCutShort_itIsRefusedWholeSayingTheExpectedRecordSize() {
        ByteBuffer cut = t64(new long[][] {{5, 1, 1, 1}, {6, 2, 2, 0}}).limit(20);

        assertThatThrownBy(() -> new AestreamT64Decoder().decode(cut, 0, sink))
                .isInstanceOf(MalformedDatagramException.class)
                .hasMessage("20-byte datagram; expected a positive multiple of 13-byte t64_x16_y16_on8 events");
        assertThat(decoded).isEmpty();
    }

    @Test
    void givenT64OnByteThatIsNoBoolean_theDatagramIsRefusedBeforeAnyEventIsHandedOn() {
        ByteBuffer bad = t64(new long[][] {{5, 1, 1, 1}, {6, 2, 2, 7}});

        assertThatThrownBy(() -> new AestreamT64Decoder().decode(bad, 0, sink))
                .hasMessage("event 1 has on byte 7; expected 0 or 1");
        assertThat(decoded).isEmpty();
    }

    @Test
    void givenT64TimesGoingBackWithinADatagram_itIsRefused() {
        assertThatThrownBy(() -> new AestreamT64Decoder().decode(t64(new long[][] {{9, 1, 1, 1}, {8, 2, 2, 0}}), 0, sink))
                .hasMessage("event 1 at 8 us follows 9 us in the same datagram; expected non-decreasing times");
    }

    @Test
    void givenT32Records_splitsYAndPolarityAndUnwrapsTheClockAcrossDatagrams() throws Exception {
        AestreamT32Decoder decoder = new AestreamT32Decoder();
        decoder.decode(t32(new long[][] {{0xFFFF_FFF0L, 10, 300, 1}}), 0, sink);
        decoder.decode(t32(new long[][] {{0x10, 11, 301, 0}, {0x20, 12, 16383, 1}}), 0, sink);

        assertThat(decoded).containsExactly(List.of(0xFFFF_FFF0L, 10L, 300L, 1L),
                List.of((1L << 32) + 0x10, 11L, 301L, 0L), List.of((1L << 32) + 0x20, 12L, 16383L, 1L));
    }

    @Test
    void givenARefusedT32Datagram_theClockIsAsBeforeIt() throws Exception {
        AestreamT32Decoder decoder = new AestreamT32Decoder();
        decoder.decode(t32(new long[][] {{0xF000_0000L, 1, 1, 1}}), 0, sink);
        ByteBuffer wrappedThenBack = t32(new long[][] {{0x10, 1, 1, 1}, {0x08, 1, 1, 1}});

        assertThatThrownBy(() -> decoder.decode(wrappedThenBack, 0, sink)).isInstanceOf(MalformedDatagramException.class);
        decoder.decode(t32(new long[][] {{0xF000_0005L, 2, 2, 0}}), 0, sink);

        assertThat(decoded).extracting(e -> e.get(0)).containsExactly(0xF000_0000L, 0xF000_0005L);
    }

    @Test
    void givenSpifWordsWithoutTimestamps_eventsTakeTheArrivalTimeAndTheirBitFields() throws Exception {
        ByteBuffer b = le(8).putInt(spif(32767, 0, 1, false)).putInt(spif(5, 32767, 0, false)).flip();

        new SpifDecoder().decode(b, 123_456L, sink);

        assertThat(decoded).containsExactly(List.of(123_456L, 32767L, 0L, 1L), List.of(123_456L, 5L, 32767L, 0L));
    }

    @Test
    void givenSpifWordsWithTimestampWords_eventsTakeTheirOwnTimes() throws Exception {
        ByteBuffer b = le(20).putInt(spif(3, 4, 1, true)).putInt(1000).putInt(spif(6, 7, 0, false))
                .putInt(spif(8, 9, 0, true)).putInt(1010).flip();

        new SpifDecoder().decode(b, 5_000_000L, sink);

        assertThat(decoded).containsExactly(List.of(1000L, 3L, 4L, 1L), List.of(5_000_000L, 6L, 7L, 0L),
                List.of(1010L, 8L, 9L, 0L));
    }

    @Test
    void givenSpifDatagramEndingWhereATimestampWordShouldFollow_itIsRefusedWhole() {
        ByteBuffer b = le(8).putInt(spif(1, 1, 1, false)).putInt(spif(2, 2, 0, true)).flip();

        assertThatThrownBy(() -> new SpifDecoder().decode(b, 0, sink))
                .hasMessage("word 1 of 2 announces a timestamp (bit 31 clear) but the datagram ends; expected a"
                        + " timestamp word after it");
        assertThat(decoded).isEmpty();
    }

    @Test
    void givenSpifDatagramOfOddLength_itIsRefused() {
        assertThatThrownBy(() -> new SpifDecoder().decode(le(6), 0, sink))
                .hasMessage("6-byte datagram; expected a positive multiple of 4-byte SPIF words");
    }

    @Test
    void givenFormatNames_parseAcceptsTheSendersNamesAndListsThemOtherwise() {
        assertThat(UdpFormat.parse("aestream")).isEqualTo(UdpFormat.T64_X16_Y16_ON8);
        assertThat(UdpFormat.parse("T32_X16_Y15_ON1")).isEqualTo(UdpFormat.T32_X16_Y15_ON1);
        assertThatThrownBy(() -> UdpFormat.parse("evt3"))
                .hasMessage("unknown UDP format 'evt3'; expected one of spif, t64_x16_y16_on8, t32_x16_y15_on1 (or aestream)");
    }
}
