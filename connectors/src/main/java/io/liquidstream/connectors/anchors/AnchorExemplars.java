package io.liquidstream.connectors.anchors;

import io.liquidstream.connectors.replay.PacketSource;
import io.liquidstream.connectors.replay.ReplayInputs;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Exemplars of one class read from what {@code liquidstream replay} reads ({@link ReplayInputs}), each
 * one whole {@link EventPacket}:
 * <ul>
 *   <li>a labelled data set (N-MNIST folder, N-TIDIGITS or SHD HDF5): its first {@code count} samples
 *       labelled with the class, in the data set's order (Train before Test);</li>
 *   <li>any other recording: its first {@code count} consecutive spans of {@code spanMicros}, all taken
 *       to show the class.</li>
 * </ul>
 */
public final class AnchorExemplars {

    /** What was read: the exemplars and what they came from. */
    public record Read(List<EventPacket> exemplars, String description, boolean labelled) {
    }

    // Packets only carry the reading in pieces; they are joined into one exemplar per sample or span.
    private static final int PIECE_EVENTS = 1 << 16;

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private AnchorExemplars() {
    }

    /**
     * The modality of an input when it can only be one: vision for an N-MNIST folder and for event-camera
     * recordings; empty for an HDF5 data set, which holds audio (N-TIDIGITS, SHD) or neural events.
     */
    public static Optional<Modality> defaultModality(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            return Optional.of(Modality.VISION);
        }
        try (InputStream in = Files.newInputStream(input)) {
            return Arrays.equals(in.readNBytes(HDF5_MAGIC.length), HDF5_MAGIC) ? Optional.empty()
                    : Optional.of(Modality.VISION);
        }
    }

    /**
     * @param source the source id the exemplar packets carry
     * @param spanMicros length of one exemplar of a continuous recording, in µs
     * @throws IllegalArgumentException if the input has no sample of the class (or no events at all)
     */
    public static Read read(Path input, String source, Modality modality, int classLabel, int count, long spanMicros)
            throws IOException {
        if (count < 1 || spanMicros < 1) {
            throw new IllegalArgumentException("expected a positive count and span, found " + count + " and "
                    + spanMicros + " us");
        }
        List<EventPacket> out = new ArrayList<>();
        boolean labelled = false;
        String description;
        try (PacketSource packets = ReplayInputs.open(input, source, modality, PIECE_EVENTS,
                Math.min(spanMicros, Integer.MAX_VALUE))) {
            description = packets.description();
            List<EventPacket> pieces = new ArrayList<>();
            long spanStart = Long.MIN_VALUE;
            for (EventPacket p = packets.next(); p != null && out.size() < count; p = packets.next()) {
                if (p.getSampleId() != null) {
                    labelled = true;
                    pieces.add(p);
                    if (p.getEndOfSample()) {
                        if (p.getLabel() != null && p.getLabel() == classLabel) {
                            out.add(join(source, modality, pieces, p.getSampleId().toString(), classLabel));
                        }
                        pieces.clear();
                    }
                    continue;
                }
                if (EventPackets.size(p) == 0) {
                    continue;
                }
                if (!pieces.isEmpty() && p.getT0Micros() - spanStart >= spanMicros) {
                    out.add(join(source, modality, pieces, "span@" + spanStart, classLabel));
                    pieces.clear();
                }
                if (pieces.isEmpty()) {
                    spanStart = p.getT0Micros();
                }
                pieces.add(p);
            }
            if (!labelled && !pieces.isEmpty() && out.size() < count) {
                out.add(join(source, modality, pieces, "span@" + spanStart, classLabel));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(labelled ? "expected samples of class " + classLabel + " in "
                    + description + ", found none" : "expected events in " + description + ", found none");
        }
        return new Read(List.copyOf(out), description, labelled);
    }

    private static EventPacket join(String source, Modality modality, List<EventPacket> pieces, String sampleId,
            int label) {
        int n = 0;
        for (EventPacket p : pieces) {
            n += EventPackets.size(p);
        }
        long base = pieces.get(0).getT0Micros();
        boolean planar = !pieces.get(0).getY().isEmpty();
        boolean polar = !pieces.get(0).getP().isEmpty();
        int[] dt = new int[n];
        int[] x = new int[n];
        int[] y = new int[planar ? n : 0];
        int[] p = new int[polar ? n : 0];
        int at = 0;
        for (EventPacket piece : pieces) {
            int[] pdt = EventPackets.toIntArray(piece.getDt());
            int[] px = EventPackets.toIntArray(piece.getX());
            int[] py = planar ? EventPackets.toIntArray(piece.getY()) : null;
            int[] pp = polar ? EventPackets.toIntArray(piece.getP()) : null;
            long shift = piece.getT0Micros() - base;
            for (int i = 0; i < pdt.length; i++, at++) {
                dt[at] = Math.toIntExact(shift + pdt[i]);
                x[at] = px[i];
                if (planar) {
                    y[at] = py[i];
                }
                if (polar) {
                    p[at] = pp[i];
                }
            }
        }
        EventPacket packet = EventPackets.fromColumns(source, modality, 0, base, dt, x, y, p);
        packet.setSampleId(sampleId);
        packet.setLabel(label);
        packet.setEndOfSample(true);
        return packet;
    }
}
