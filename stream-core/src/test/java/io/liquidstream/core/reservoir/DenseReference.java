package io.liquidstream.core.reservoir;

/**
 * The seed's equations written out literally as a dense matrix-vector product per bin, to hold the
 * event-driven kernel against.
 *
 * <p>It sums in the kernel's order — decayed membrane, then inputs ascending, then recurrent neurons
 * ascending — in float32. Float addition is not associative, so a different order could move a
 * membrane across the threshold and flip a spike; in this order every inactive term adds an exact
 * zero and every active one the same weight, so the spikes must agree bit for bit.
 */
final class DenseReference {

    private DenseReference() {
    }

    /** Spike count per neuron for a dense {@code [bins][inputs]} input. */
    static int[] spikeCounts(ReservoirSpec spec, ReservoirWeights w, boolean[][] x) {
        int n = spec.neurons();
        float decay = (float) spec.decay();
        float threshold = (float) spec.threshold();
        float[] v = new float[n];
        float[] s = new float[n];
        int[] counts = new int[n];
        for (boolean[] xt : x) {
            float[] vNext = new float[n];
            float[] sNext = new float[n];
            for (int j = 0; j < n; j++) {
                float acc = decay * v[j] * (1f - s[j]);
                for (int i = 0; i < spec.inputs(); i++) {
                    acc += w.input(i, j) * (xt[i] ? 1f : 0f);
                }
                for (int i = 0; i < n; i++) {
                    acc += w.recurrent(i, j) * s[i];
                }
                vNext[j] = acc;
                sNext[j] = acc > threshold ? 1f : 0f;
                counts[j] += (int) sNext[j];
            }
            v = vNext;
            s = sNext;
        }
        return counts;
    }

    /**
     * The membrane after the last bin (0 where the neuron spiked in it: the kernel stores the reset at
     * once, the equations apply it in the next bin) and whether each neuron spiked in the last bin.
     */
    record Final(float[] membrane, boolean[] spiked) {
    }

    static Final finalState(ReservoirSpec spec, ReservoirWeights w, boolean[][] x) {
        int n = spec.neurons();
        float decay = (float) spec.decay();
        float threshold = (float) spec.threshold();
        float[] v = new float[n];
        float[] s = new float[n];
        for (boolean[] xt : x) {
            float[] vNext = new float[n];
            float[] sNext = new float[n];
            for (int j = 0; j < n; j++) {
                float acc = decay * v[j] * (1f - s[j]);
                for (int i = 0; i < spec.inputs(); i++) {
                    acc += w.input(i, j) * (xt[i] ? 1f : 0f);
                }
                for (int i = 0; i < n; i++) {
                    acc += w.recurrent(i, j) * s[i];
                }
                vNext[j] = acc;
                sNext[j] = acc > threshold ? 1f : 0f;
            }
            v = vNext;
            s = sNext;
        }
        float[] membrane = new float[n];
        boolean[] spiked = new boolean[n];
        for (int j = 0; j < n; j++) {
            spiked[j] = s[j] == 1f;
            membrane[j] = spiked[j] ? 0f : v[j];
        }
        return new Final(membrane, spiked);
    }

    /** Firing rate per neuron, computed as the kernel does: count / bins in float. */
    static float[] rates(ReservoirSpec spec, ReservoirWeights w, boolean[][] x) {
        int[] counts = spikeCounts(spec, w, x);
        float[] rates = new float[counts.length];
        for (int j = 0; j < counts.length; j++) {
            rates[j] = counts[j] / (float) x.length;
        }
        return rates;
    }
}
