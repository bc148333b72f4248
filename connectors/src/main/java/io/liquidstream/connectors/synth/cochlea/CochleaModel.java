package io.liquidstream.connectors.synth.cochlea;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;

/**
 * A silicon-cochlea model in the spirit of the 64-channel DAS1 that recorded N-TIDIGITS: a bank of
 * band-pass filters at log-spaced centre frequencies, half-wave rectification, power-law compression
 * and one leaky integrate-and-fire neuron per channel.
 *
 * <p>Each channel is a cascade of RBJ constant-peak-gain band-pass biquads, so a tone at a channel's
 * centre frequency passes at unit gain and the channel's neighbours see it attenuated. The rectified
 * output is compressed ({@code gain · r^compression}, as the cochlea compresses loudness) and
 * integrated by a neuron that leaks towards rest, fires an event on reaching the threshold, resets to
 * zero and stays silent for the refractory period. Channel 0 has the lowest centre frequency.
 *
 * <p>Encoding is deterministic and allocates only per call, never per sample; instances are immutable
 * and safe to share between threads.
 */
public final class CochleaModel {

    /**
     * Filterbank and neuron settings.
     *
     * @param channels number of channels (event addresses)
     * @param lowHz centre frequency of channel 0
     * @param highHz centre frequency of the last channel
     * @param q quality factor of each biquad section (centre frequency / bandwidth)
     * @param gain scale applied to the compressed, rectified filter output
     * @param threshold membrane level at which a neuron fires (in units of gain · seconds)
     * @param refractoryMicros time after a spike during which a neuron neither integrates nor fires
     * @param leakPerSecond rate at which the membrane decays towards zero
     * @param sections biquads cascaded per channel; more sections tune more sharply
     * @param compression exponent of the power-law compression, in (0, 1]; 1 is linear
     */
    public record Config(int channels, double lowHz, double highHz, double q, double gain, double threshold,
            long refractoryMicros, double leakPerSecond, int sections, double compression) {

        public Config {
            if (channels < 1) {
                throw new IllegalArgumentException("cochlea needs at least 1 channel, found " + channels);
            }
            if (!(lowHz > 0) || !(highHz >= lowHz)) {
                throw new IllegalArgumentException(
                        "cochlea band must satisfy 0 < lowHz <= highHz, found " + lowHz + " .. " + highHz + " Hz");
            }
            if (!(q > 0) || sections < 1) {
                throw new IllegalArgumentException(
                        "filter needs q > 0 and sections >= 1, found q=" + q + " sections=" + sections);
            }
            if (!(gain > 0) || !(compression > 0 && compression <= 1)) {
                throw new IllegalArgumentException(
                        "need gain > 0 and compression in (0, 1], found gain=" + gain + " compression=" + compression);
            }
            if (!(threshold > 0) || refractoryMicros < 0 || !(leakPerSecond >= 0)) {
                throw new IllegalArgumentException("need threshold > 0, refractoryMicros >= 0, leakPerSecond >= 0, found "
                        + threshold + ", " + refractoryMicros + ", " + leakPerSecond);
            }
        }

        /** Defaults tuned so a spoken digit gives a few thousand events over 64 channels, as in N-TIDIGITS. */
        public static Config ntidigits() {
            return new Config(64, 100, 7500, 4.0, 1.0, 0.0003, 1000, 50, 2, 0.5);
        }

        /** Centre frequency of channel {@code c}: log-spaced from {@link #lowHz} to {@link #highHz}. */
        public double centreHz(int c) {
            if (channels == 1) {
                return lowHz;
            }
            return lowHz * Math.pow(highHz / lowHz, (double) c / (channels - 1));
        }
    }

    private final Config config;
    private final SensorGeometry geometry;

    public CochleaModel(Config config) {
        this.config = config;
        this.geometry = SensorGeometry.channels(config.channels());
    }

    public Config config() {
        return config;
    }

    /** {@code channels(config.channels())}. */
    public SensorGeometry geometry() {
        return geometry;
    }

    /**
     * Encodes mono PCM into cochlea events.
     *
     * @param samples mono PCM, nominally in [-1, 1]
     * @param sampleRate samples per second; channels whose centre frequency is not below 0.45 of it
     *     cannot be represented and stay silent
     * @return events on {@link #geometry()}, x = channel, t in µs from the first sample, time-sorted
     */
    public Events encode(float[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, found " + sampleRate);
        }
        // Channel by channel, so each filter's state stays in registers; spikes are collected as
        // (time, channel) keys and sorted once at the end, which costs little next to the filtering.
        double[] band = new double[samples.length];
        long[] spikes = new long[samples.length];
        int count = 0;
        for (int c = 0; c < config.channels(); c++) {
            double fc = config.centreHz(c);
            if (fc >= 0.45 * sampleRate) {
                continue; // not representable at this sample rate
            }
            for (int n = 0; n < samples.length; n++) {
                band[n] = samples[n];
            }
            for (int s = 0; s < config.sections(); s++) {
                bandPass(band, fc, sampleRate);
            }
            if (spikes.length - count < band.length) { // a channel fires at most once per sample
                spikes = Arrays.copyOf(spikes, Math.max(spikes.length * 2, count + band.length));
            }
            count = fire(band, sampleRate, c, spikes, count);
        }
        Arrays.sort(spikes, 0, count);
        int channels = config.channels();
        long[] t = new long[count];
        int[] x = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = spikes[i] / channels;
            x[i] = (int) (spikes[i] % channels);
        }
        return Events.of(geometry, t, x, new int[count], new byte[count]);
    }

    /** One RBJ constant-peak-gain band-pass biquad (direct form I), in place. */
    private void bandPass(double[] signal, double fc, int sampleRate) {
        double w0 = 2 * Math.PI * fc / sampleRate;
        double alpha = Math.sin(w0) / (2 * config.q());
        double a0 = 1 + alpha;
        double b0 = alpha / a0; // b1 = 0, b2 = -b0
        double a1 = -2 * Math.cos(w0) / a0;
        double a2 = (1 - alpha) / a0;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int n = 0; n < signal.length; n++) {
            double x0 = signal[n];
            double y0 = b0 * (x0 - x2) - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x0;
            y2 = y1;
            y1 = y0;
            signal[n] = y0;
        }
    }

    /**
     * Runs channel {@code c}'s neuron over its band signal, appending spike keys
     * {@code time * channels + c} to {@code spikes} from {@code count}.
     *
     * @return the new count
     */
    private int fire(double[] band, int sampleRate, int c, long[] spikes, int count) {
        double decay = Math.exp(-config.leakPerSecond() / sampleRate);
        double drive = config.gain() / sampleRate;
        double compression = config.compression();
        // Fast paths for the usual exponents: Math.pow per sample would dominate the cost.
        boolean linear = compression == 1.0;
        boolean squareRoot = compression == 0.5;
        double threshold = config.threshold();
        long refractory = config.refractoryMicros();
        int channels = config.channels();
        double membrane = 0;
        long silentUntil = 0;
        for (int n = 0; n < band.length; n++) {
            long t = n * 1_000_000L / sampleRate;
            if (t < silentUntil) {
                continue;
            }
            double rectified = band[n] > 0 ? band[n] : 0;
            double compressed = linear ? rectified
                    : squareRoot ? Math.sqrt(rectified) : Math.pow(rectified, compression);
            membrane = membrane * decay + drive * compressed;
            if (membrane >= threshold) {
                spikes[count++] = t * channels + c;
                membrane = 0;
                silentUntil = t + refractory;
            }
        }
        return count;
    }
}
