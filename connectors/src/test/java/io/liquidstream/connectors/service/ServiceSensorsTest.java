package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.sensors.SensorTopic;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A model trained for a 320x240 camera, served: the bundle's input spec and the sources' announcements decide. */
class ServiceSensorsTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private static final SensorGeometry CAMERA = SensorGeometry.pixels(320, 240);

    private static ModelBundle cameraBundle() {
        InputSpec input = InputSpec.parse("vision=sensor(320,240,2)|downsample(10,8)|fixed(20)");
        ProjectionHead head = ProjectionHead.create(64, new int[0], 64, Activation.GELU, 3);
        return new ModelBundle(List.of(new ModalityModel("vision", input,
                ReservoirPreset.IMAGE_BMI.spec(1).withNeurons(64).withInputs(input.inputs()).withBins(20),
                new WeightSourceSpec.Ideal(), new DenseStack(head.layerDims(), "GELU", head.exportWeights()))),
                0.1, List.of(), Map.of());
    }

    /** One whole sample of events spread over a {@code width x height} array. */
    private static EventPacket sample(String source, long seq, int width, int height, SplittableRandom r) {
        int n = 300;
        int[] dt = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            dt[i] = i * 100;
            x[i] = i == 0 ? width - 1 : r.nextInt(width);
            y[i] = i == 0 ? height - 1 : r.nextInt(height);
            p[i] = r.nextInt(2);
        }
        EventPacket packet = EventPackets.fromColumns(source, Modality.VISION, seq, seq * 100_000, dt, x, y, p);
        packet.setSampleId(source + "-" + seq);
        packet.setEndOfSample(true);
        return packet;
    }

    @Test
    void givenAModelFor320x240_itsCamerasAreServedAndSourcesAnnouncedSmallerAreDeadLetteredNamingBoth()
            throws Exception {
        ServiceFixture f = new ServiceFixture(kafka.broker(), "sensors");
        f.createTopics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        SplittableRandom r = new SplittableRandom(5);
        try (KafkaProducer<String, byte[]> producer = f.producer()) {
            // announced and sent before the service starts: it reads the announcement before the first packet
            SensorTopic.publish(client, f.prefix + "sensors", SensorTopic.info("nmnist-early", Modality.VISION,
                    SensorGeometry.pixels(34, 34), "an N-MNIST camera"), Duration.ofSeconds(10));
            for (int seq = 0; seq < 3; seq++) {
                producer.send(new ProducerRecord<>(f.prefix + "events.vision", "nmnist-early",
                        ServiceFixture.encode(sample("nmnist-early", seq, 34, 34, r))));
            }
            producer.flush();
        }
        try (LiquidStreamService service = LiquidStreamService.start(f.config(Map.of()), cameraBundle(), registry);
             KafkaProducer<String, byte[]> producer = f.producer()) {
            SensorTopic.publish(client, f.prefix + "sensors", SensorTopic.info("lite-1", Modality.VISION, CAMERA, null),
                    Duration.ofSeconds(10));
            SensorTopic.publish(client, f.prefix + "sensors", SensorTopic.info("nmnist-1", Modality.VISION,
                    SensorGeometry.pixels(34, 34), null), Duration.ofSeconds(10));
            assertThat(ServiceFixture.await(() -> registry.get("liquidstream.sensors.announced").gauge().value() == 3))
                    .as("the announcements made while the service runs are read").isTrue();
            assertThat(registry.get("liquidstream.sensors.mismatched").gauge().value()).isEqualTo(2);

            for (int seq = 0; seq < 3; seq++) {
                for (String source : List.of("lite-1", "unannounced-1", "nmnist-1")) {
                    boolean small = source.startsWith("nmnist");
                    producer.send(new ProducerRecord<>(f.prefix + "events.vision", source, ServiceFixture.encode(
                            sample(source, seq, small ? 34 : 320, small ? 34 : 240, r))));
                }
            }
            producer.flush();

            AvroSingleObjectCodec<Association> associations = AvroSingleObjectCodec.of(Association.class);
            assertThat(f.read(f.prefix + "associations", 6)).extracting(a -> associations.decode(a.value()).getSource()
                    .toString()).containsOnly("lite-1", "unannounced-1").hasSize(6);
            List<ConsumerRecord<String, byte[]>> dlq = f.read(f.prefix + "dlq", 6);
            assertThat(dlq).extracting(ConsumerRecord::key).containsOnly("nmnist-early", "nmnist-1").hasSize(6);
            assertThat(dlq).allSatisfy(d -> {
                assertThat(header(d, OutputRecords.REASON)).isEqualTo("SENSOR_MISMATCH");
                assertThat(header(d, OutputRecords.DETAIL)).contains("model's vision input, sensor(320,240,2)",
                        "'" + d.key() + "' announced as sensor(34,34,2)");
            });
            assertThat(service.failure()).isNull();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
