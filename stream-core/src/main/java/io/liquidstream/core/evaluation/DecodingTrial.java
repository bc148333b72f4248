package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.event.Events;
import java.util.Objects;

/**
 * One trial of a continuous decoding data set: its spikes on the recording clock (from 0) and the
 * targets to decode in each time bin of {@code binMicros} from 0 ({@code targets[bin][target]}, e.g.
 * the pen's mean velocity over the bin).
 */
public record DecodingTrial(String id, int label, Events spikes, float[][] targets, long binMicros) {

    public DecodingTrial {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spikes, "spikes");
        Objects.requireNonNull(targets, "targets");
        if (targets.length == 0 || binMicros <= 0) {
            throw new IllegalArgumentException("trial '" + id + "' needs at least one bin of targets and a positive bin, "
                    + "found " + targets.length + " bins of " + binMicros + " us");
        }
    }

    public int bins() {
        return targets.length;
    }

    /**
     * The reservoir input of each bin, as a carried liquid sees it: the spec's transform, then each event
     * mapped to its input, binarised per bin; events past the last bin are left out.
     */
    public SpikeWindow inputs(InputSpec spec) {
        Events events = spec.transform().apply(spikes);
        boolean[][] dense = new boolean[bins()][spec.inputs()];
        for (int i = 0; i < events.size(); i++) {
            long bin = Math.floorDiv(events.t(i), binMicros);
            int input = spec.mapping().index(events, i);
            if (bin >= 0 && bin < dense.length && input >= 0) {
                dense[(int) bin][input] = true;
            }
        }
        return SpikeWindow.fromDense(dense);
    }

    /** Spikes per input and bin ({@code counts[bin][input]}), the binned counts a Wiener filter reads. */
    public int[][] counts(InputSpec spec) {
        Events events = spec.transform().apply(spikes);
        int[][] counts = new int[bins()][spec.inputs()];
        for (int i = 0; i < events.size(); i++) {
            long bin = Math.floorDiv(events.t(i), binMicros);
            int input = spec.mapping().index(events, i);
            if (bin >= 0 && bin < counts.length && input >= 0) {
                counts[(int) bin][input]++;
            }
        }
        return counts;
    }
}
