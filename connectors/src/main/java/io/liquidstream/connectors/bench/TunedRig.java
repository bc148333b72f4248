package io.liquidstream.connectors.bench;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A simulated recording rig: {@code channels} electrodes whose units fire as Poisson processes with
 * cosine tuning to a 2-D hand velocity (rate = baseline + depth * (v · preferred direction), the classic
 * motor-cortex model), the velocity an Ornstein-Uhlenbeck process of a fraction of a second. One packet per
 * bin, as a rig's acquisition loop hands over its buffer, stamped on the rig's clock from 0; with watermarks,
 * each packet says its bin is complete ({@code watermarkMicros} = the bin's end).
 */
final class TunedRig {

    private static final double BASELINE_HZ = 15;
    private static final double DEPTH_HZ = 12;
    /** Velocity correlation time, in seconds. */
    private static final double TAU_S = 0.3;

    private final String source;
    private final int channels;
    private final long binMicros;
    private final boolean watermarks;
    private final double[] cos;
    private final double[] sin;
    private final SplittableRandom random;
    private double vx;
    private double vy;
    private long bin;
    private int[] dt = new int[64];
    private int[] x = new int[64];

    TunedRig(String source, int channels, long binMicros, boolean watermarks, long seed) {
        this.source = source;
        this.channels = channels;
        this.binMicros = binMicros;
        this.watermarks = watermarks;
        this.random = new SplittableRandom(seed);
        this.cos = new double[channels];
        this.sin = new double[channels];
        for (int c = 0; c < channels; c++) {
            double preferred = random.nextDouble() * 2 * Math.PI;
            cos[c] = Math.cos(preferred);
            sin[c] = Math.sin(preferred);
        }
    }

    String source() {
        return source;
    }

    /** Start of the next bin on the rig's clock, in microseconds. */
    long nextBinStartMicros() {
        return bin * binMicros;
    }

    /** End of the next bin on the rig's clock: when its packet can leave. */
    long nextBinEndMicros() {
        return (bin + 1) * binMicros;
    }

    /** The next bin's spikes as one packet (seq = bin index); events in time order, possibly none. */
    EventPacket next() {
        double seconds = binMicros / 1e6;
        double keep = Math.exp(-seconds / TAU_S);
        double kick = Math.sqrt(1 - keep * keep);
        vx = keep * vx + kick * random.nextGaussian();
        vy = keep * vy + kick * random.nextGaussian();
        int n = 0;
        for (int c = 0; c < channels; c++) {
            double rate = Math.max(0, BASELINE_HZ + DEPTH_HZ * (vx * cos[c] + vy * sin[c]));
            for (int k = poisson(rate * seconds); k > 0; k--) {
                if (n == dt.length) {
                    dt = Arrays.copyOf(dt, n * 2);
                    x = Arrays.copyOf(x, n * 2);
                }
                // time in the upper bits, channel in the lower, so one sort orders both columns
                dt[n] = (int) random.nextLong(binMicros);
                x[n] = c;
                n++;
            }
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) dt[i] << 32) | x[i];
        }
        Arrays.sort(keys);
        int[] times = new int[n];
        int[] addresses = new int[n];
        for (int i = 0; i < n; i++) {
            times[i] = (int) (keys[i] >>> 32);
            addresses[i] = (int) keys[i];
        }
        EventPacket packet = EventPackets.fromColumns(source, Modality.NEURAL, bin, bin * binMicros, times, addresses,
                new int[0], new int[0]);
        if (watermarks) {
            packet.setWatermarkMicros((bin + 1) * binMicros);
        }
        bin++;
        return packet;
    }

    /** Knuth's method: the means here are well below one spike per bin and channel. */
    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }
}
