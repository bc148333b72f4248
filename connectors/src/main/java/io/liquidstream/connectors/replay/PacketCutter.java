package io.liquidstream.connectors.replay;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts one source's time-ordered events into {@link EventPacket}s of at most {@code maxEvents} events
 * spanning less than {@code maxMicros}, numbering them with {@code seq} 0, 1, 2, ... (or from a given first
 * number) across everything this cutter emits.
 *
 * <p>A continuous stream is fed chunk by chunk through {@link #add} and ended with {@link #flush}; a
 * packet may take events from several chunks. A labelled sample goes through {@link #sample}: its
 * packets carry its id and label, the last one {@code endOfSample}, and a sample without events still
 * yields one empty end packet so consumers see it close. One-dimensional sources (height 1) send an
 * empty {@code y} column, sources with one polarity an empty {@code p} column, as the schema allows.
 *
 * <p>A continuous stream's packet is cut when the next event arrives, so it carries that event's time as
 * its {@code watermarkMicros} (the stream is time-ordered: no later packet holds an earlier event), and a
 * consumer can close the bins before it without waiting for the next packet; the packet {@link #flush}
 * emits carries none.
 */
public final class PacketCutter {

    private final String source;
    private final Modality modality;
    private final SensorGeometry geometry;
    private final boolean planar;
    private final boolean polar;
    private final int maxEvents;
    private final long maxMicros;
    private final long[] t;
    private final int[] x;
    private final int[] y;
    private final int[] p;
    private int size;
    private long seq;

    /**
     * @param maxEvents most events per packet (at least 1)
     * @param maxMicros a packet's last event lies less than this after its first (at least 1); also kept
     *     within the int range of the {@code dt} column
     */
    public PacketCutter(String source, Modality modality, SensorGeometry geometry, int maxEvents, long maxMicros) {
        this(source, modality, geometry, maxEvents, maxMicros, 0);
    }

    /**
     * A cutter whose first packet carries {@code seq} {@code firstSeq} (a live source that restarts numbers
     * above its earlier runs, so that a consumer that remembers the source does not take them for
     * duplicates).
     */
    public PacketCutter(String source, Modality modality, SensorGeometry geometry, int maxEvents, long maxMicros,
            long firstSeq) {
        if (maxEvents < 1 || maxMicros < 1 || firstSeq < 0) {
            throw new IllegalArgumentException("packets need at least 1 event and 1 us and a seq from 0, found maxEvents="
                    + maxEvents + ", maxMicros=" + maxMicros + ", firstSeq=" + firstSeq);
        }
        this.seq = firstSeq;
        this.source = source;
        this.modality = modality;
        this.geometry = geometry;
        this.planar = geometry.height() > 1;
        this.polar = geometry.polarities() > 1;
        this.maxEvents = maxEvents;
        this.maxMicros = Math.min(maxMicros, (long) Integer.MAX_VALUE + 1);
        this.t = new long[maxEvents];
        this.x = new int[maxEvents];
        this.y = new int[maxEvents];
        this.p = new int[maxEvents];
    }

    /** The sensor of the source whose events this cutter sends. */
    public SensorGeometry geometry() {
        return geometry;
    }

    /** Appends a chunk of a continuous stream, emitting every packet that became complete. */
    public void add(Events chunk, Consumer<EventPacket> out) {
        add(chunk, 0, null, null, out);
    }

    /** Emits the events still held as a last, possibly short, packet of the continuous stream. */
    public void flush(Consumer<EventPacket> out) {
        if (size > 0) {
            out.accept(packet(null, null, false, 0, null));
        }
    }

    /**
     * Emits a whole sample, its event times shifted by {@code shiftMicros}. Any continuous events still
     * held are flushed first, so a sample never shares a packet with other events.
     *
     * @param label the sample's class, or null when it has none
     */
    public void sample(String id, Integer label, Events events, long shiftMicros, Consumer<EventPacket> out) {
        flush(out);
        add(events, shiftMicros, id, label, out);
        out.accept(packet(id, label, true, shiftMicros, null));
    }

    /** The time of a packet's last event in µs, or its {@code t0Micros} when it has none. */
    public static long lastMicros(EventPacket packet) {
        int n = EventPackets.size(packet);
        return packet.getT0Micros() + (n == 0 ? 0 : packet.getDt().get(n - 1));
    }

    /** The {@code seq} the next packet will carry, i.e. how many packets were emitted. */
    public long nextSeq() {
        return seq;
    }

    private void add(Events events, long shift, String id, Integer label, Consumer<EventPacket> out) {
        for (int i = 0; i < events.size(); i++) {
            long time = events.t(i) + shift;
            if (size == maxEvents || size > 0 && time - t[0] >= maxMicros) {
                out.accept(packet(id, label, false, 0, id == null ? time : null));
            }
            t[size] = time;
            x[size] = events.x(i);
            y[size] = events.y(i);
            p[size] = events.p(i);
            size++;
        }
    }

    private EventPacket packet(String id, Integer label, boolean end, long emptyT0, Long watermark) {
        long t0 = size == 0 ? emptyT0 : t[0];
        int[] dt = new int[size];
        for (int i = 0; i < size; i++) {
            dt[i] = (int) (t[i] - t0);
        }
        EventPacket packet = EventPackets.fromColumns(source, modality, seq++, t0, dt, Arrays.copyOf(x, size),
                planar ? Arrays.copyOf(y, size) : new int[0], polar ? Arrays.copyOf(p, size) : new int[0]);
        packet.setSampleId(id);
        packet.setLabel(label);
        packet.setEndOfSample(end);
        packet.setWatermarkMicros(watermark);
        size = 0;
        return packet;
    }
}
