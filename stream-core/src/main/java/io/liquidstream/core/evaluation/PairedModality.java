package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.reservoir.ReservoirBank;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.util.List;
import java.util.Objects;

/**
 * One modality of a paired data set as a model encodes it: both splits' samples, the input spec, the
 * reservoir (whose seed each run sets), the read-out segments (firing rates per part of the window) and
 * how many independent reservoirs read the input side by side ({@link ReservoirBank}).
 */
public record PairedModality(String modality, List<LabeledSample> train, List<LabeledSample> test, InputSpec input,
        ReservoirSpec reservoir, int segments, int reservoirs) {

    /** One reservoir. */
    public PairedModality(String modality, List<LabeledSample> train, List<LabeledSample> test, InputSpec input,
            ReservoirSpec reservoir, int segments) {
        this(modality, train, test, input, reservoir, segments, 1);
    }

    public PairedModality {
        Objects.requireNonNull(modality, "modality");
        train = List.copyOf(train);
        test = List.copyOf(test);
        if (input.inputs() != reservoir.inputs()) {
            throw new IllegalArgumentException("the " + modality + " input spec " + input.describe() + " gives "
                    + input.inputs() + " inputs, the reservoir takes " + reservoir.inputs());
        }
        if (segments <= 0 || reservoirs <= 0) {
            throw new IllegalArgumentException("segments and reservoirs must be positive, found " + segments + " and "
                    + reservoirs);
        }
    }

    /** The reservoir drawn from {@code seed}. */
    public ReservoirSpec reservoir(long seed) {
        return reservoir.withSeed(seed);
    }
}
