package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.binning.SpikeWindow;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifReservoirTest {

    static Stream<Arguments> presetsDensitiesSeeds() {
        return Stream.of(ReservoirPreset.VISION_PROBE, ReservoirPreset.AUDIO_PROBE, ReservoirPreset.VISION_CLIP)
                .flatMap(preset -> Stream.of(0.0, 0.01, 0.05, 0.2, 0.5)
                        .flatMap(density -> Stream.of(1L, 2L, 3L)
                                .map(seed -> Arguments.of(preset, density, seed))));
    }

    @ParameterizedTest(name = "{0} density {1} seed {2}")
    @MethodSource("presetsDensitiesSeeds")
    void givenRandomInput_kernelMatchesDenseReferenceSpikeForSpike(ReservoirPreset preset, double density,
                                                                    long seed) {
        ReservoirSpec spec = preset.spec(seed);
        LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
        for (int sample = 0; sample < 3; sample++) {
            boolean[][] x = randomInput(spec.bins(), spec.inputs(), density, seed * 31 + sample);

            float[] features = reservoir.encode(SpikeWindow.fromDense(x));

            assertThat(features).containsExactly(DenseReference.rates(spec, reservoir.weights(), x));
        }
    }

    @Test
    void givenDenseInputOnClipWeights_referenceComparisonCoversRecurrentSpiking() {
        // Guards the comparison above against being vacuous: the reservoir really fires here.
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(7);
        LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
        boolean[][] x = randomInput(spec.bins(), spec.inputs(), 0.2, 7);

        int[] counts = DenseReference.spikeCounts(spec, reservoir.weights(), x);

        assertThat(IntStream.of(counts).sum()).isGreaterThan(spec.neurons());
        assertThat(reservoir.encode(SpikeWindow.fromDense(x))).containsExactly(
                DenseReference.rates(spec, reservoir.weights(), x));
    }

    @Test
    void raster_listsEachSpikeByBinAndNeuron() {
        ReservoirSpec spec = new ReservoirSpec(1, 2, 3, 1.0, 1.0, 1.0, WeightStats.RRAM_INPUT,
                WeightStats.RRAM_RECURRENT, 0);
        ReservoirWeights weights = new ReservoirWeights(1, 2, new float[] {2f, 0f},
                new float[] {0f, 2f, 0f, 0f}, 0.0);
        SpikeWindow firstBinOnly = SpikeWindow.of(1, 3, new int[] {0, 1, 1, 1}, new int[] {0});

        SpikeRaster raster = new LifReservoir(spec, weights).raster(firstBinOnly);

        assertThat(raster.spikes()).isEqualTo(2);
        assertThat(List.of(raster.bin(0), raster.neuron(0), raster.bin(1), raster.neuron(1))).containsExactly(0, 0, 1, 1);
        assertThat(raster.bins()).isEqualTo(3);
    }

    @Test
    void givenRandomInput_rasterRatesAreTheEncodedFeature() {
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(7);
        LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
        SpikeWindow window = SpikeWindow.fromDense(randomInput(spec.bins(), spec.inputs(), 0.2, 7));

        SpikeRaster raster = reservoir.raster(window);

        assertThat(raster.spikes()).isGreaterThan(spec.neurons());
        assertThat(raster.rates()).containsExactly(reservoir.encode(window));
    }

    @Test
    void givenSilentInput_reservoirStaysAtRest() {
        ReservoirSpec spec = ReservoirPreset.AUDIO_PROBE.spec(5);
        LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());

        float[] features = reservoir.encode(SpikeWindow.fromDense(new boolean[spec.bins()][spec.inputs()]));

        assertThat(features).hasSize(spec.neurons()).containsOnly(0f);
    }

    @Test
    void givenMembraneExactlyAtThreshold_neuronDoesNotSpike() {
        LifReservoir reservoir = singleNeuron(1.0, 5.0, 5.0f, 0f);

        assertThat(reservoir.encode(alwaysOn(1))).containsExactly(0f);
    }

    @Test
    void givenMembraneJustAboveThreshold_neuronSpikes() {
        LifReservoir reservoir = singleNeuron(1.0, 5.0, Math.nextUp(5.0f), 0f);

        assertThat(reservoir.encode(alwaysOn(1))).containsExactly(1f);
    }

    @Test
    void givenSpike_membraneResetsToZeroBeforeIntegratingAgain() {
        // No leak, drive 0.6 per bin, threshold 1: without reset the membrane would read 0.6, 1.2, 1.8,
        // 2.4 and fire 3 times; with reset it reads 0.6, 1.2 | 0.6, 1.2 and fires twice.
        LifReservoir reservoir = singleNeuron(1.0, 1.0, 0.6f, 0f);

        assertThat(reservoir.encode(alwaysOn(4))).containsExactly(0.5f);
    }

    @Test
    void givenLeak_membraneDecaysBetweenBins() {
        // Drive 0.6 per bin with decay 0.5 converges to 1.2 from below: 0.6, 0.9, 1.05, ... never above 1.2.
        LifReservoir reservoir = singleNeuron(0.5, 1.2, 0.6f, 0f);

        assertThat(reservoir.encode(alwaysOn(20))).containsExactly(0f);
    }

    @Test
    void givenSpikeInOneBin_recurrentInputArrivesInTheNextBin() {
        // Neuron 0 is driven over threshold in bin 0 only; its recurrent weight onto neuron 1 is big.
        ReservoirSpec spec = new ReservoirSpec(1, 2, 3, 1.0, 1.0, 1.0, WeightStats.RRAM_INPUT,
                WeightStats.RRAM_RECURRENT, 0);
        ReservoirWeights weights = new ReservoirWeights(1, 2, new float[] {2f, 0f},
                new float[] {0f, 2f, 0f, 0f}, 0.0);
        LifReservoir reservoir = new LifReservoir(spec, weights);
        SpikeWindow firstBinOnly = SpikeWindow.of(1, 3, new int[] {0, 1, 1, 1}, new int[] {0});

        float[] features = reservoir.encode(firstBinOnly);

        // Both fire exactly once in three bins: neuron 0 in bin 0, neuron 1 in bin 1.
        assertThat(features).containsExactly(1f / 3, 1f / 3);
    }

    @Test
    void givenWindowLongerThanSpecBins_ratesUseTheWindowsOwnBins() {
        LifReservoir reservoir = singleNeuron(1.0, 1.0, 0.6f, 0f);

        assertThat(reservoir.encode(alwaysOn(10))).containsExactly(0.5f);
        assertThat(reservoir.encode(alwaysOn(3))).containsExactly(1f / 3);
    }

    @Test
    void givenWindowOfWrongWidth_encodeRejectsItNamingBothSizes() {
        LifReservoir reservoir = new LifReservoir(ReservoirPreset.VISION_PROBE.spec(1), new IdealGaussianWeights());
        SpikeWindow audioShaped = SpikeWindow.fromDense(new boolean[129][64]);

        assertThatThrownBy(() -> reservoir.encode(audioShaped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 inputs")
                .hasMessageContaining("256");
    }

    @Test
    void givenOutputOfWrongLength_encodeRejectsIt() {
        LifReservoir reservoir = new LifReservoir(ReservoirPreset.VISION_PROBE.spec(1), new IdealGaussianWeights());
        SpikeWindow window = SpikeWindow.fromDense(new boolean[50][256]);

        assertThatThrownBy(() -> reservoir.encode(window, new float[10]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
    }

    @Test
    void givenWeightsOfAnotherShape_constructionFails() {
        ReservoirWeights weights = new IdealGaussianWeights().weights(ReservoirPreset.AUDIO_PROBE.spec(1));

        assertThatThrownBy(() -> new LifReservoir(ReservoirPreset.VISION_PROBE.spec(1), weights))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 inputs");
    }

    @Test
    void givenSameSeed_twoReservoirsEncodeIdentically() {
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(11);
        SpikeWindow window = SpikeWindow.fromDense(randomInput(spec.bins(), spec.inputs(), 0.1, 3));

        float[] a = new LifReservoir(spec, new IdealGaussianWeights()).encode(window);
        float[] b = new LifReservoir(spec, new IdealGaussianWeights()).encode(window);

        assertThat(a).containsExactly(b);
    }

    @Test
    void givenDifferentSeeds_reservoirsEncodeDifferently() {
        SpikeWindow window = SpikeWindow.fromDense(randomInput(50, 256, 0.1, 3));

        float[] a = new LifReservoir(ReservoirPreset.VISION_CLIP.spec(11), new IdealGaussianWeights()).encode(window);
        float[] b = new LifReservoir(ReservoirPreset.VISION_CLIP.spec(12), new IdealGaussianWeights()).encode(window);

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void givenManyThreads_sharedReservoirEncodesAsSequentially() {
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(4);
        LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
        List<SpikeWindow> windows = IntStream.range(0, 64)
                .mapToObj(k -> SpikeWindow.fromDense(randomInput(spec.bins(), spec.inputs(), 0.05, k)))
                .toList();
        List<float[]> sequential = windows.stream().map(reservoir::encode).toList();

        List<float[]> parallel = windows.parallelStream().map(reservoir::encode).toList();

        for (int k = 0; k < windows.size(); k++) {
            assertThat(parallel.get(k)).as("window %d", k).containsExactly(sequential.get(k));
        }
    }

    @Test
    void givenReadNoise_featuresDeviateFromExactReadsButStayClose() {
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(9);
        ReservoirWeights exact = new IdealGaussianWeights().weights(spec);
        LifReservoir quiet = new LifReservoir(spec, exact);
        LifReservoir noisy = new LifReservoir(spec, exact.withReadNoise(0.1));
        double differing = 0;
        double meanAbsDiff = 0;
        for (int k = 0; k < 20; k++) {
            SpikeWindow window = SpikeWindow.fromDense(randomInput(spec.bins(), spec.inputs(), 0.1, k));
            float[] a = quiet.encode(window);
            float[] b = noisy.encode(window);
            for (int j = 0; j < a.length; j++) {
                differing += a[j] != b[j] ? 1 : 0;
                meanAbsDiff += Math.abs(a[j] - b[j]);
            }
        }
        assertThat(differing).isPositive();
        assertThat(meanAbsDiff / (20.0 * spec.neurons())).isLessThan(0.05);
    }

    @Test
    void givenReadNoise_eachReadDrawsAfreshSoRepeatedEncodesDiffer() {
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(9);
        LifReservoir noisy = new LifReservoir(spec, new IdealGaussianWeights().weights(spec).withReadNoise(0.1));
        SpikeWindow window = SpikeWindow.fromDense(randomInput(spec.bins(), spec.inputs(), 0.1, 1));

        assertThat(noisy.encode(window)).isNotEqualTo(noisy.encode(window));
    }

    @Test
    void givenReadNoiseAndSameSeed_sequentialEncodesAreReproducible() {
        ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(9);
        ReservoirWeights weights = new IdealGaussianWeights().weights(spec).withReadNoise(0.1);
        SpikeWindow window = SpikeWindow.fromDense(randomInput(spec.bins(), spec.inputs(), 0.1, 1));
        LifReservoir first = new LifReservoir(spec, weights);
        LifReservoir second = new LifReservoir(spec, weights);

        assertThat(first.encode(window)).containsExactly(second.encode(window));
        assertThat(first.encode(window)).containsExactly(second.encode(window));
    }

    @Test
    void givenSegments_ratesAreCountedPerConsecutivePartOfTheWindow() {
        // Input only in the first 5 of 10 bins, drive 0.6, threshold 1: spikes at bins 1 and 3 only.
        LifReservoir reservoir = singleNeuron(1.0, 1.0, 0.6f, 0f);
        boolean[][] x = new boolean[10][1];
        for (int b = 0; b < 5; b++) {
            x[b][0] = true;
        }
        SpikeWindow window = SpikeWindow.fromDense(x);

        assertThat(reservoir.encodeSegments(window, 2)).containsExactly(0.4f, 0f);
        assertThat(reservoir.encodeSegments(window, 1)).containsExactly(reservoir.encode(window));
    }

    @Test
    void givenUnevenSegments_eachRateUsesItsOwnWidth() {
        // 10 bins in 3 segments of 3, 3 and 4 bins; firing every other bin from bin 1 on.
        LifReservoir reservoir = singleNeuron(1.0, 1.0, 0.6f, 0f);
        float[] rates = reservoir.encodeSegments(alwaysOn(10), 3);
        // spikes at bins 1, 3, 5, 7, 9: segment [0,3) has 1, [3,6) has 2, [6,10) has 2
        assertThat(rates).containsExactly(1f / 3, 2f / 3, 2f / 4);
    }

    @Test
    void givenMoreSegmentsThanBins_segmentReadoutIsRejected() {
        LifReservoir reservoir = singleNeuron(1.0, 1.0, 0.6f, 0f);
        assertThatThrownBy(() -> reservoir.encodeSegments(alwaysOn(3), 4)).hasMessageContaining("segments must be in [1, 3]");
    }

    /** One input line, one neuron, given input and self-recurrent weight. */
    private static LifReservoir singleNeuron(double decay, double threshold, float inputWeight, float selfWeight) {
        ReservoirSpec spec = new ReservoirSpec(1, 1, 1, decay, threshold, 1.0, WeightStats.RRAM_INPUT,
                WeightStats.RRAM_RECURRENT, 0);
        return new LifReservoir(spec, new ReservoirWeights(1, 1, new float[] {inputWeight},
                new float[] {selfWeight}, 0.0));
    }

    /** The single input line active in every one of {@code bins} bins. */
    private static SpikeWindow alwaysOn(int bins) {
        boolean[][] x = new boolean[bins][1];
        for (boolean[] bin : x) {
            Arrays.fill(bin, true);
        }
        return SpikeWindow.fromDense(x);
    }

    static boolean[][] randomInput(int bins, int inputs, double density, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[][] x = new boolean[bins][inputs];
        for (boolean[] bin : x) {
            for (int i = 0; i < inputs; i++) {
                bin[i] = random.nextDouble() < density;
            }
        }
        return x;
    }
}
