package io.liquidstream.core.bundle;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that turns one modality's events into an embedding: input spec, reservoir, weight source
 * and projection head.
 *
 * @param name modality name, used in entry paths: letters, digits, {@code .}, {@code _} or {@code -}
 */
public record ModalityModel(String name, InputSpec input, ReservoirSpec reservoir, WeightSourceSpec weights,
                            DenseStack projection) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ModalityModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reservoir, "reservoir");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(projection, "projection");
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("modality name must be letters, digits, '.', '_' or '-', found '"
                    + name + "'");
        }
        if (input.inputs() != reservoir.inputs()) {
            throw new IllegalArgumentException("modality '" + name + "': input spec yields " + input.inputs()
                    + " inputs but the reservoir expects " + reservoir.inputs());
        }
        if (projection.layerDims()[0] != reservoir.neurons()) {
            throw new IllegalArgumentException("modality '" + name + "': projection input dim "
                    + projection.layerDims()[0] + " must equal the reservoir's " + reservoir.neurons() + " neurons");
        }
        if (weights instanceof WeightSourceSpec.Stored stored
                && (stored.input().length != (long) reservoir.inputs() * reservoir.neurons()
                || stored.recurrent().length != (long) reservoir.neurons() * reservoir.neurons())) {
            throw new IllegalArgumentException("modality '" + name + "': stored matrices must hold "
                    + reservoir.inputs() + "x" + reservoir.neurons() + " and " + reservoir.neurons() + "x"
                    + reservoir.neurons() + " weights, found " + stored.input().length + " and "
                    + stored.recurrent().length);
        }
    }

    /** Length of this modality's embedding. */
    public int embeddingDimension() {
        int[] dims = projection.layerDims();
        return dims[dims.length - 1];
    }
}
