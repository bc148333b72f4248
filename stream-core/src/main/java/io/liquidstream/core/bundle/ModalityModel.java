package io.liquidstream.core.bundle;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that turns one modality's events into an embedding: input spec, reservoir, weight source
 * and projection head. {@code readoutSegments} is how many consecutive parts of a window the firing
 * rates are read from (1: whole-window rates, the seed's read-out; see {@code LifReservoir#encodeSegments}).
 * {@code reservoirs} is how many independent reservoirs of the spec, drawn from consecutive seeds, read the
 * input side by side (1: the seed's one reservoir; see {@code ReservoirBank}); the decoder reads the first.
 *
 * @param name modality name, used in entry paths: letters, digits, {@code .}, {@code _} or {@code -}
 * @param decoder the regression read-out of the continuously running liquid (e.g. pen velocity), or null
 */
public record ModalityModel(String name, InputSpec input, ReservoirSpec reservoir, WeightSourceSpec weights,
                            DenseStack projection, int readoutSegments, LinearReadout decoder, int reservoirs) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** A modality read out by whole-window firing rates, the seed's read-out. */
    public ModalityModel(String name, InputSpec input, ReservoirSpec reservoir, WeightSourceSpec weights,
            DenseStack projection) {
        this(name, input, reservoir, weights, projection, 1, null);
    }

    /** A modality without a regression read-out. */
    public ModalityModel(String name, InputSpec input, ReservoirSpec reservoir, WeightSourceSpec weights,
            DenseStack projection, int readoutSegments) {
        this(name, input, reservoir, weights, projection, readoutSegments, null);
    }

    /** A modality of one reservoir. */
    public ModalityModel(String name, InputSpec input, ReservoirSpec reservoir, WeightSourceSpec weights,
            DenseStack projection, int readoutSegments, LinearReadout decoder) {
        this(name, input, reservoir, weights, projection, readoutSegments, decoder, 1);
    }

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
        if (readoutSegments < 1) {
            throw new IllegalArgumentException("modality '" + name + "': readout segments must be at least 1, found "
                    + readoutSegments);
        }
        if (reservoirs < 1) {
            throw new IllegalArgumentException("modality '" + name + "': reservoirs must be at least 1, found "
                    + reservoirs);
        }
        if (reservoirs > 1 && weights instanceof WeightSourceSpec.Stored) {
            throw new IllegalArgumentException("modality '" + name + "': stored weights hold one reservoir, found "
                    + reservoirs + " reservoirs");
        }
        if (projection.layerDims()[0] != (long) reservoir.neurons() * readoutSegments * reservoirs) {
            throw new IllegalArgumentException("modality '" + name + "': projection input dim "
                    + projection.layerDims()[0] + " must equal the reservoir's " + reservoir.neurons() + " neurons x "
                    + readoutSegments + " read-out segment(s)" + (reservoirs > 1 ? " x " + reservoirs + " reservoirs" : ""));
        }
        if (decoder != null && decoder.neurons() != reservoir.neurons()) {
            throw new IllegalArgumentException("modality '" + name + "': the decoder reads " + decoder.neurons()
                    + " neurons but the reservoir has " + reservoir.neurons());
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

    /** This modality with a regression read-out (null for none). */
    public ModalityModel withDecoder(LinearReadout newDecoder) {
        return new ModalityModel(name, input, reservoir, weights, projection, readoutSegments, newDecoder, reservoirs);
    }

    /** Length of this modality's embedding. */
    public int embeddingDimension() {
        int[] dims = projection.layerDims();
        return dims[dims.length - 1];
    }
}
