package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.registry.ConfluentRestRegistry;
import io.liquidstream.connectors.registry.SchemaRegistryClient;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.ConfluentWireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code serde.format=confluent}: the service registers its output schemas in a schema registry and writes
 * the Confluent wire format, and reads input in either encoding.
 */
class ServiceWireFormatTest {

    private static final int SAMPLES = 12;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenInputsInBothEncodings_everyOneIsAnsweredInTheConfluentFormatWithRegisteredSchemas() throws Exception {
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "confluent");
        fixture.createTopics();
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            ServiceConfig config = fixture.config(Map.of(ServiceConfig.SERDE_FORMAT, WireFormat.CONFLUENT,
                    ServiceConfig.SCHEMA_REGISTRY_URL, registry.url()));
            String visionTopic = fixture.prefix + "events.vision";
            SchemaRegistryClient producerSide = SchemaRegistryClient.of(registry.url());
            ConfluentWireCodec<EventPacket> confluentPackets = new ConfluentWireCodec<>(EventPacket.class,
                    producerSide.forSubject(SchemaRegistryClient.valueSubject(visionTopic)));
            try (LiquidStreamService service = LiquidStreamService.start(config, ServiceEndToEndTest.bundle(),
                    new SimpleMeterRegistry());
                 KafkaProducer<String, byte[]> producer = fixture.producer()) {
                SplittableRandom r = new SplittableRandom(17);
                for (int k = 0; k < SAMPLES; k++) {
                    String source = "trial" + k + "/vision";
                    EventPacket packet = ServiceFixture.samplePacket(Modality.VISION, source, 0, "s" + k, k % 10, r);
                    byte[] bytes = k % 2 == 0 ? confluentPackets.encode(packet) : ServiceFixture.encode(packet);
                    producer.send(new ProducerRecord<>(visionTopic, source, bytes));
                }
                producer.send(new ProducerRecord<>(visionTopic, "forged/vision", new byte[] {0, 0, 0, 0x30, 0x39, 2}));
                producer.flush();

                List<ConsumerRecord<String, byte[]>> associations = fixture.read(fixture.prefix + "associations", SAMPLES);
                List<ConsumerRecord<String, byte[]>> embeddings = fixture.read(fixture.prefix + "embeddings.vision",
                        SAMPLES);
                List<ConsumerRecord<String, byte[]>> dead = fixture.read(fixture.prefix + "dlq", 1);

                assertThat(registry.subjects()).contains(visionTopic + "-value", fixture.prefix + "associations-value",
                        fixture.prefix + "embeddings.vision-value", fixture.prefix + "embeddings.neural-value");
                assertThat(associations).hasSize(SAMPLES).allSatisfy(a -> {
                    assertThat(a.value()[0]).as("magic byte").isZero();
                    assertThat(registry.schema(ByteBuffer.wrap(a.value(), 1, 4).getInt()))
                            .isEqualTo(Association.getClassSchema());
                });
                assertThat(embeddings).hasSize(SAMPLES).allSatisfy(e -> assertThat(registry.schema(
                        ByteBuffer.wrap(e.value(), 1, 4).getInt())).isEqualTo(Embedding.getClassSchema()));
                WireFormat reader = WireFormat.of(WireFormat.SINGLE_OBJECT, registry.url());
                assertThat(associations).extracting(a -> reader.reader(Association.class).decode(a.value())
                        .getSampleId().toString()).containsExactlyInAnyOrder(
                        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11");
                assertThat(dead).singleElement().satisfies(d -> assertThat(new String(d.headers()
                        .lastHeader(OutputRecords.REASON).value(), StandardCharsets.UTF_8)).isEqualTo("UNKNOWN_SCHEMA"));
                assertThat(service.failure()).isNull();
            }
        }
    }

    @Test
    void givenTheConfluentFormatWithoutARegistry_theServiceRefusesToStartNamingTheSetting() {
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "no-registry");
        ServiceConfig config = fixture.config(Map.of(ServiceConfig.SERDE_FORMAT, WireFormat.CONFLUENT));

        assertThatThrownBy(() -> LiquidStreamService.start(config, ServiceEndToEndTest.bundle(),
                new SimpleMeterRegistry())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url").hasMessageContaining("needs a schema registry URL");
    }
}
