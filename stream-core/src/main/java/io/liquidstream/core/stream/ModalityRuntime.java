package io.liquidstream.core.stream;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.FrozenHead;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirBank;
import java.util.Locale;

/**
 * One modality's model ready to run: its input spec, fixed reservoir (or bank of them) and projection head (a
 * plain-Java {@link FrozenHead}, so serving never loads ND4J), built once from the bundle, and the
 * regression read-out of a continuously running liquid when the bundle has one.
 * Thread-safe (the reservoir, head and read-out are).
 *
 * @param decoder the regression read-out of a carried liquid ({@link ContinuousLiquid}), or null
 */
public record ModalityRuntime(String name, InputSpec input, ReservoirBank reservoirs, FrozenHead head,
        int readoutSegments, LinearReadout decoder) {

    /** A modality of one reservoir. */
    public ModalityRuntime(String name, InputSpec input, LifReservoir reservoir, FrozenHead head,
            int readoutSegments, LinearReadout decoder) {
        this(name, input, ReservoirBank.of(reservoir), head, readoutSegments, decoder);
    }

    public ModalityRuntime {
        LifReservoir reservoir = reservoirs.first();
        if (decoder != null && decoder.neurons() != reservoir.neurons()) {
            throw new IllegalArgumentException("the " + name + " decoder reads " + decoder.neurons()
                    + " neurons but the reservoir has " + reservoir.neurons());
        }
    }

    /** A modality without a regression read-out. */
    public ModalityRuntime(String name, InputSpec input, LifReservoir reservoir, FrozenHead head, int readoutSegments) {
        this(name, input, reservoir, head, readoutSegments, null);
    }

    /** Serves a trained head through a {@link FrozenHead} copy of its current weights. */
    public ModalityRuntime(String name, InputSpec input, LifReservoir reservoir, ProjectionHead head,
            int readoutSegments) {
        this(name, input, reservoir, FrozenHead.of(head), readoutSegments, null);
    }

    /** This modality with a regression read-out (null for none). */
    public ModalityRuntime withDecoder(LinearReadout newDecoder) {
        return new ModalityRuntime(name, input, reservoirs, head, readoutSegments, newDecoder);
    }

    /** A modality read out by whole-window firing rates. */
    public ModalityRuntime(String name, InputSpec input, LifReservoir reservoir, ProjectionHead head) {
        this(name, input, reservoir, head, 1);
    }

    /** Builds the reservoir from the bundle's weight source and the head from its stored weights. */
    public static ModalityRuntime of(ModalityModel model) {
        DenseStack stack = model.projection();
        FrozenHead head = FrozenHead.fromWeights(stack.layerDims(),
                Activation.valueOf(stack.activation().toUpperCase(Locale.ROOT)), stack.weights(), true);
        return new ModalityRuntime(model.name(), model.input(),
                ReservoirBank.of(model.reservoir(), model.weights().toWeightSource(), model.reservoirs()), head,
                model.readoutSegments(), model.decoder());
    }

    /** The first reservoir of the bank: the one a continuous stream carries and the decoder reads. */
    public LifReservoir reservoir() {
        return reservoirs.first();
    }

    /** The reservoir read-out of one window: the projection head's input. */
    public float[] features(SpikeWindow window) {
        return reservoirs.encode(window, readoutSegments);
    }

    /** The embedding of one encoded window's features. */
    public float[] embed(float[] features) {
        return head.embed(features);
    }

    /** The embedding of one whole sample (used for raw-event anchors). */
    public float[] embed(Events sample) {
        return head.embed(features(input.encode(sample)));
    }

    public int dimension() {
        return head.outputDim();
    }
}
