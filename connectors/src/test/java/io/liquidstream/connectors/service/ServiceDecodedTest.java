package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.readout.AffineMap;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.SpikeRaster;
import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Continuous decoding end to end: a neural stream in, one {@link Decoded} record per hop out. */
class ServiceDecodedTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private static final int CHANNELS = 192;
    private static final long BIN = 10_000;
    private static final int HOP = 2;
    private static final int WARMUP = 10;
    private static final int DECODE_BINS = 5;
    private static final int PACKETS = 50;

    private final ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(2).withInputs(CHANNELS).withNeurons(64)
            .withBins(20);
    private final InputSpec input = new InputSpec("neural", InputSpec.neuralBmi().transform(), new FixedBinning(20),
            SensorGeometry.channels(CHANNELS));
    private final LinearReadout decoder = decoder();
    private final boolean[][] stream = stream(PACKETS * HOP);

    @Test
    void givenANeuralStream_everyHopAfterTheWarmUpPublishesTheDecoderAppliedToTheLiquidRunFromTheStreamsStart()
            throws Exception {
        ServiceFixture topics = new ServiceFixture(kafka.broker(), "decoded");
        ServiceConfig config = topics.config(Map.of(
                ServiceConfig.DECODED_TOPIC_PREFIX, topics.prefix + "decoded.",
                ServiceConfig.SLIDING_MODALITIES, "neural",
                ServiceConfig.SLIDING_BIN_US, BIN,
                ServiceConfig.SLIDING_WINDOW_BINS, 20,
                ServiceConfig.SLIDING_HOP_BINS, HOP,
                ServiceConfig.SLIDING_WARMUP_BINS, WARMUP,
                // the service's own warm-up runs the same model first: it must leave no liquid, output or offset behind
                ServiceConfig.WARMUP_MS, 500));
        ModelBundle bundle = bundle();
        try (LiquidStreamService service = LiquidStreamService.start(config, bundle, new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = topics.producer()) {
            AvroSingleObjectCodec<EventPacket> codec = AvroSingleObjectCodec.of(EventPacket.class);
            for (int k = 0; k < PACKETS; k++) {
                producer.send(new ProducerRecord<>(topics.prefix + "events.neural", "rig-1/neural",
                        codec.encode(packet(k))));
            }
            producer.flush();

            // Hops end at bins 2, 4, ..., 100: those ending before bin 10 warm up (4), the last stays open for lack of
            // a later event.
            int expected = PACKETS - (WARMUP / HOP - 1) - 1;
            AvroSingleObjectCodec<Decoded> decodedCodec = AvroSingleObjectCodec.of(Decoded.class);
            List<Decoded> decoded = topics.read(topics.prefix + "decoded.neural", expected).stream()
                    .map(r -> decodedCodec.decode(r.value())).toList();

            assertThat(decoded).hasSize(expected);
            LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
            for (int i = 0; i < expected; i++) {
                Decoded d = decoded.get(i);
                int end = WARMUP + i * HOP;
                assertThat(d.getWindowEndMicros()).isEqualTo(end * BIN);
                assertThat(d.getHopStartMicros()).isEqualTo((end - HOP) * BIN);
                assertThat(d.getWindowStartMicros()).isEqualTo((end - 20) * BIN);
                assertThat(d.getNames()).containsExactly("vx", "vy");
                assertThat(d.getSource()).isEqualTo("rig-1/neural");
                assertThat(d.getModality()).isEqualTo(Modality.NEURAL);
                assertThat(d.getModelVersion()).isEqualTo(bundle.version());
                assertThat(d.getFirstEventMicros()).isLessThanOrEqualTo(d.getWindowCloseMicros());
                assertThat(d.getWindowCloseMicros()).isLessThanOrEqualTo(d.getEmitMicros());
                SpikeRaster fromStart = reservoir.raster(SpikeWindow.fromDense(Arrays.copyOfRange(stream, 0, end)));
                float[] expectedValues = decoder.apply(latestRates(fromStart, end));
                assertThat(d.getValues()).as("hop ending at bin %d", end)
                        .containsExactly(expectedValues[0], expectedValues[1]);
            }
            assertThat(service.failure()).isNull();
        }
    }

    private ModelBundle bundle() {
        ProjectionHead head = ProjectionHead.create(spec.neurons(), new int[0], 64, Activation.GELU, 3);
        ModalityModel neural = new ModalityModel("neural", input, spec, new WeightSourceSpec.Ideal(),
                new DenseStack(head.layerDims(), "GELU", head.exportWeights()), 1, decoder);
        return new ModelBundle(List.of(neural), 0.1, List.of(), Map.of());
    }

    private LinearReadout decoder() {
        SplittableRandom r = new SplittableRandom(8);
        float[] w = new float[spec.neurons() * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() - 0.5);
        }
        return new LinearReadout(List.of("vx", "vy"), DECODE_BINS, 1, BIN,
                new AffineMap(spec.neurons(), 2, w, new float[] {0.5f, -0.5f}));
    }

    /** Each neuron's spikes over the latest {@link #DECODE_BINS} bins before {@code end}, per bin. */
    private float[] latestRates(SpikeRaster raster, int end) {
        float[] rates = new float[spec.neurons()];
        for (int k = 0; k < raster.spikes(); k++) {
            if (raster.bin(k) >= end - DECODE_BINS) {
                rates[raster.neuron(k)]++;
            }
        }
        for (int j = 0; j < rates.length; j++) {
            rates[j] = rates[j] / (float) DECODE_BINS;
        }
        return rates;
    }

    /** Packet {@code k}: the stream's bins {@code [k·HOP, (k+1)·HOP)}, channels in time order within each bin. */
    private EventPacket packet(int k) {
        List<Integer> dt = new ArrayList<>();
        List<Integer> x = new ArrayList<>();
        for (int b = k * HOP; b < (k + 1) * HOP; b++) {
            for (int c = 0; c < CHANNELS; c++) {
                if (stream[b][c]) {
                    dt.add((int) ((b - k * HOP) * BIN + c * 50L));
                    x.add(c);
                }
            }
        }
        return EventPackets.fromColumns("rig-1/neural", Modality.NEURAL, k, k * HOP * BIN,
                dt.stream().mapToInt(Integer::intValue).toArray(), x.stream().mapToInt(Integer::intValue).toArray(),
                new int[0], new int[0]);
    }

    private static boolean[][] stream(int bins) {
        SplittableRandom r = new SplittableRandom(21);
        boolean[][] x = new boolean[bins][CHANNELS];
        for (boolean[] bin : x) {
            for (int c = 0; c < CHANNELS; c++) {
                bin[c] = r.nextDouble() < 0.08;
            }
        }
        x[0][0] = true;
        return x;
    }
}
