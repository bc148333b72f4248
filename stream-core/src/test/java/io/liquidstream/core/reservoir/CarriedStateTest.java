package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.binning.SpikeWindow;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The liquid of a continuous stream: a {@link ReservoirState} carried from bin to bin. */
class CarriedStateTest {

    private static final ReservoirSpec SPEC = ReservoirPreset.VISION_CLIP.spec(11).withInputs(64).withNeurons(120);
    private final LifReservoir reservoir = new LifReservoir(SPEC, new IdealGaussianWeights());
    private final boolean[][] stream = LifReservoirTest.randomInput(400, SPEC.inputs(), 0.15, 5);

    @Test
    void givenAStreamSteppedInHopsOfAnySize_theCarriedStateEqualsOneRunOverTheWholeStream() {
        ReservoirState carried = reservoir.state();
        SplittableRandom hopSizes = new SplittableRandom(3);
        for (int from = 0; from < stream.length; ) {
            int to = Math.min(stream.length, from + 1 + hopSizes.nextInt(12));
            reservoir.advance(carried, bins(from, to), null);
            from = to;
        }
        ReservoirState once = reservoir.state();
        reservoir.advance(once, bins(0, stream.length), null);

        assertThat(carried.membrane()).containsExactly(once.membrane());
        assertThat(carried.lastSpikes()).containsExactly(once.lastSpikes());
        assertThat(carried.bins()).isEqualTo(stream.length);
    }

    @Test
    void givenAStreamSteppedBinByBin_theCarriedStateIsTheDenseEquationsRunFromTheStart() {
        ReservoirState carried = reservoir.state();
        int spikes = 0;
        for (int b = 0; b < stream.length; b++) {
            reservoir.advance(carried, bins(b, b + 1), null);
            spikes += carried.lastSpikes().length;
        }

        DenseReference.Final reference = DenseReference.finalState(SPEC, reservoir.weights(), stream);
        assertThat(carried.membrane()).containsExactly(reference.membrane());
        assertThat(carried.lastSpikes()).containsExactly(IntStream.range(0, SPEC.neurons())
                .filter(j -> reference.spiked()[j]).toArray());
        // Guards the comparison against being vacuous: the liquid fires and recurs throughout.
        assertThat(spikes).isGreaterThan(10 * SPEC.neurons());
    }

    @Test
    void givenACarriedLiquid_historyRatesCountTheSpikesOfOneRunFromTheStartOverTheLatestBins() {
        ReservoirState carried = reservoir.state();
        SpikeHistory history = new SpikeHistory(SPEC.neurons(), 50);
        for (int b = 0; b < stream.length; b += 10) {
            reservoir.advance(carried, bins(b, b + 10), history);
        }

        SpikeRaster whole = reservoir.raster(bins(0, stream.length));
        int window = 50;
        int segments = 3;
        float[] expected = new float[segments * SPEC.neurons()];
        int[] starts = {0, 16, 33, 50};
        for (int k = 0; k < whole.spikes(); k++) {
            int b = whole.bin(k) - (stream.length - window);
            if (b >= 0) {
                int seg = b < 16 ? 0 : b < 33 ? 1 : 2;
                expected[seg * SPEC.neurons() + whole.neuron(k)]++;
            }
        }
        for (int seg = 0; seg < segments; seg++) {
            for (int j = 0; j < SPEC.neurons(); j++) {
                expected[seg * SPEC.neurons() + j] /= starts[seg + 1] - starts[seg];
            }
        }
        assertThat(history.rates(window, segments)).containsExactly(expected);
    }

    @Test
    void givenAWindowRunFromRest_historyRatesAreItsSegmentEncoding() {
        SpikeWindow window = bins(0, 60);
        ReservoirState fromRest = reservoir.state();
        SpikeHistory history = new SpikeHistory(SPEC.neurons(), 60);

        reservoir.advance(fromRest, window, history);

        assertThat(history.rates(60, 7)).containsExactly(reservoir.encodeSegments(window, 7));
        assertThat(history.rates(60, 1)).containsExactly(reservoir.encode(window));
    }

    @Test
    void givenSilence_aLiquidAtRestStaysExactlyAtRest() {
        ReservoirState state = reservoir.state();
        SpikeWindow silent = SpikeWindow.of(SPEC.inputs(), 30, new int[31], new int[0]);

        reservoir.advance(state, silent, null);

        assertThat(state.atRest()).isTrue();
        reservoir.advance(state, bins(0, 5), null);
        assertThat(state.atRest()).isFalse();
    }

    @Test
    void givenAStateOfAnotherReservoir_advanceRejectsItNamingBoth() {
        LifReservoir other = new LifReservoir(SPEC.withNeurons(SPEC.neurons()), new IdealGaussianWeights());

        assertThatThrownBy(() -> other.advance(reservoir.state(), bins(0, 1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to");
    }

    @Test
    void givenMoreBinsThanItHolds_historyRejectsAReadOutReachingFurtherBack() {
        SpikeHistory history = new SpikeHistory(SPEC.neurons(), 20);

        assertThatThrownBy(() -> history.rates(21, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the history of 20 bins");
    }

    private SpikeWindow bins(int from, int to) {
        return SpikeWindow.fromDense(Arrays.copyOfRange(stream, from, to));
    }
}
