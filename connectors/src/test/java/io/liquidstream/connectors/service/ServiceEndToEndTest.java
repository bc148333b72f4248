package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceEndToEndTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    static ModelBundle bundle() {
        ReservoirSpec vision = ReservoirPreset.VISION_CLIP.spec(1).withNeurons(64);
        ReservoirSpec neural = ReservoirPreset.NEURAL_BMI.spec(2).withNeurons(64).withBins(20);
        InputSpec neuralInput = new InputSpec("neural", InputSpec.neuralBmi().transform(), new FixedBinning(20),
                SensorGeometry.channels(192));
        return new ModelBundle(List.of(
                new ModalityModel("vision", InputSpec.visionProbe(), vision, new WeightSourceSpec.Ideal(), head(3)),
                new ModalityModel("neural", neuralInput, neural, new WeightSourceSpec.Ideal(), head(4))),
                0.1, List.of(), Map.of());
    }

    private static DenseStack head(long seed) {
        ProjectionHead h = ProjectionHead.create(64, new int[0], 64, Activation.GELU, seed);
        return new DenseStack(h.layerDims(), "GELU", h.exportWeights());
    }

    private static byte[] sample(Modality modality, String source, long seq, String id, SplittableRandom r) {
        int n = 200;
        int[] dt = new int[n];
        int[] x = new int[n];
        int[] y = new int[modality == Modality.VISION ? n : 0];
        int[] p = new int[modality == Modality.VISION ? n : 0];
        for (int i = 0; i < n; i++) {
            dt[i] = i * 100;
            x[i] = r.nextInt(modality == Modality.VISION ? 34 : 192);
            if (modality == Modality.VISION) {
                y[i] = r.nextInt(34);
                p[i] = 1;
            }
        }
        EventPacket packet = EventPackets.fromColumns(source, modality, seq, seq * 100_000, dt, x, y, p);
        packet.setSampleId(id);
        packet.setLabel((int) (seq % 10));
        packet.setEndOfSample(true);
        return AvroSingleObjectCodec.of(EventPacket.class).encode(packet);
    }

    @Test
    void givenSamplesAndOneBadRecord_everySampleYieldsItsEmbeddingAndAssociationAndTheBadOneIsDeadLettered()
            throws Exception {
        String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        Map<String, Object> props = new HashMap<>();
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(ServiceConfig.MODEL_PATH, "in-memory");
        props.put(ServiceConfig.GROUP_ID, prefix + "group");
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, prefix + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, prefix + "embeddings.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, prefix + "associations");
        props.put(ServiceConfig.ANCHORS_TOPIC, prefix + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, prefix + "dlq");
        props.put(ServiceConfig.RAILS, 2);
        ServiceConfig config = new ServiceConfig(props);
        int perModality = 30;
        try (LiquidStreamService service = LiquidStreamService.start(config, bundle(), new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            SplittableRandom r = new SplittableRandom(7);
            for (int k = 0; k < perModality; k++) {
                String group = "trial" + (k % 3);
                producer.send(new ProducerRecord<>(prefix + "events.vision", group + "/vision",
                        sample(Modality.VISION, group + "/vision", k / 3, "v" + k, r)));
                producer.send(new ProducerRecord<>(prefix + "events.neural", group + "/neural",
                        sample(Modality.NEURAL, group + "/neural", k / 3, "n" + k, r)));
            }
            producer.send(new ProducerRecord<>(prefix + "events.vision", "junk", "not avro".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            List<ConsumerRecord<String, byte[]>> associations = drain(prefix + "associations", 2 * perModality);
            List<ConsumerRecord<String, byte[]>> visionEmbeddings = drain(prefix + "embeddings.vision", perModality);
            List<ConsumerRecord<String, byte[]>> neuralEmbeddings = drain(prefix + "embeddings.neural", perModality);
            List<ConsumerRecord<String, byte[]>> dlq = drain(prefix + "dlq", 1);

            Set<String> answered = new HashSet<>();
            AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
            associations.forEach(a -> answered.add(codec.decode(a.value()).getSampleId()));
            assertThat(answered).hasSize(2 * perModality);
            assertThat(visionEmbeddings).hasSize(perModality);
            assertThat(neuralEmbeddings).hasSize(perModality);
            assertThat(dlq).singleElement().satisfies(d -> {
                assertThat(new String(d.headers().lastHeader(OutputRecords.REASON).value(), StandardCharsets.UTF_8))
                        .isEqualTo("UNDECODABLE");
                assertThat(d.value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
            });
            assertThat(service.failure()).isNull();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> drain(String topic, int expected) {
        return ServiceFixture.read(kafka.broker(), topic, expected);
    }
}
