package io.liquidstream.connectors.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The UDP datagram layouts an ingester reads; docs/ingest.md gives each byte and where the layout is
 * documented.
 */
public enum UdpFormat {

    /** SPIF 32-bit words (SpiNNaker peripheral interface, AEStream's C++ {@code output udp}). */
    SPIF("spif", SpifDecoder::new),
    /** AEStream/faery {@code t64_x16_y16_on8}: 13-byte records with 64-bit times (faery's default). */
    T64_X16_Y16_ON8("t64_x16_y16_on8", AestreamT64Decoder::new),
    /** AEStream/faery {@code t32_x16_y15_on1}: 8-byte records with wrapping 32-bit times. */
    T32_X16_Y15_ON1("t32_x16_y15_on1", AestreamT32Decoder::new);

    private final String label;
    private final Supplier<DatagramDecoder> decoders;

    UdpFormat(String label, Supplier<DatagramDecoder> decoders) {
        this.label = label;
        this.decoders = decoders;
    }

    /** The name users type, as the sending software names it. */
    public String label() {
        return label;
    }

    DatagramDecoder decoder() {
        return decoders.get();
    }

    /**
     * The format named {@code name} ({@code aestream} is taken for {@code t64_x16_y16_on8}, faery's default).
     *
     * @throws IllegalArgumentException listing the names, if none matches
     */
    public static UdpFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("aestream")) {
            return T64_X16_Y16_ON8;
        }
        for (UdpFormat f : values()) {
            if (f.label.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown UDP format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(UdpFormat::label).collect(Collectors.joining(", ")) + " (or aestream)");
    }

    @Override
    public String toString() {
        return label;
    }
}
