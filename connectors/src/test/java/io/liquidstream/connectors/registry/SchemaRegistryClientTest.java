package io.liquidstream.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The registry client against a registry serving the Confluent REST API on a loopback socket. */
class SchemaRegistryClientTest {

    private static final Schema PACKET = EventPacket.getClassSchema();

    @Test
    void givenANewSchema_registerAnswersTheRegistrysIdAndAsksOnlyOnce() throws IOException {
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());

            int id = client.register("lsm.events.vision-value", PACKET);
            int again = client.register("lsm.events.vision-value", PACKET);

            assertThat(again).isEqualTo(id);
            assertThat(registry.schema(id)).isEqualTo(PACKET);
            assertThat(registry.subjects()).containsExactly("lsm.events.vision-value");
            assertThat(registry.requests()).containsExactly("POST /subjects/lsm.events.vision-value/versions");
        }
    }

    @Test
    void givenTheSameSchemaUnderTwoSubjects_bothHaveOneId() throws IOException {
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());

            int vision = client.register("lsm.events.vision-value", PACKET);
            int neural = client.register("lsm.events.neural-value", PACKET);
            int association = client.register("lsm.associations-value", Association.getClassSchema());

            assertThat(neural).isEqualTo(vision);
            assertThat(association).isNotEqualTo(vision);
        }
    }

    @Test
    void givenAnIdTheRegistryKnows_schemaByIdAnswersItAndAsksOnlyOnce() throws IOException {
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            int id = SchemaRegistryClient.of(registry.url()).register("t-value", PACKET);
            SchemaRegistryClient reader = SchemaRegistryClient.of(registry.url());

            assertThat(reader.schemaById(id)).contains(PACKET);
            assertThat(reader.schemaById(id)).contains(PACKET);
            assertThat(reader.schemaById(id + 100)).isEmpty();
            assertThat(registry.requests()).containsExactly("POST /subjects/t-value/versions",
                    "GET /schemas/ids/" + id, "GET /schemas/ids/" + (id + 100));
        }
    }

    @Test
    void givenASchemaIncompatibleWithTheSubjectsLatest_registerFailsWithTheRegistrysAnswer() throws IOException {
        Schema v1 = SchemaBuilder.record("Reading").fields().requiredLong("t").endRecord();
        Schema v2 = SchemaBuilder.record("Reading").fields().requiredLong("t").requiredString("unit").endRecord();
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            client.register("readings-value", v1);

            assertThatThrownBy(() -> client.register("readings-value", v2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema registry at " + registry.url())
                    .hasMessageContaining("POST /subjects/readings-value/versions with HTTP 409")
                    .hasMessageContaining("incompatible with an earlier schema");
        }
    }

    @Test
    void givenAPathAndCredentialsInTheUrl_requestsGoUnderThePathWithBasicAuthentication() throws IOException {
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.startUnder("/apis/ccompat/v7")) {
            String url = registry.url().replace("http://", "http://sensor:s%40cret@");
            SchemaRegistryClient client = SchemaRegistryClient.of(url);

            client.register("t-value", PACKET);

            assertThat(client.url().toString()).isEqualTo(registry.url()).doesNotContain("cret");
            assertThat(registry.authorizations()).containsExactly("Basic " + Base64.getEncoder()
                    .encodeToString("sensor:s@cret".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void givenNothingListening_theErrorNamesTheRegistryAndTheRequest() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot reach the schema registry at http://127.0.0.1:" + port
                        + " (GET /schemas/ids/1)");
    }

    @Test
    void givenAUrlThatIsNotHttp_theClientRefusesItAtOnce() {
        assertThatThrownBy(() -> SchemaRegistryClient.of("localhost:8081")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a schema registry URL like http://HOST:PORT, found 'localhost:8081'");
    }
}
