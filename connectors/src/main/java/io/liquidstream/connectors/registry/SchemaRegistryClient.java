package io.liquidstream.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.schemas.codec.SchemaIdLookup;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry reached over the Confluent REST API, the one Confluent Schema Registry, Karapace,
 * Redpanda and Apicurio (under {@code /apis/ccompat/v7}) serve: {@code POST /subjects/{subject}/versions}
 * registers a schema under a subject and answers its id, {@code GET /schemas/ids/{id}} answers a schema.
 * Both answers are cached for the life of the client (an id never changes its schema), so each schema is
 * registered and each id looked up once. User and password in the URL ({@code https://user:pass@host})
 * are sent as HTTP basic authentication. Thread-safe.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * @param url     the registry's base URL, e.g. {@code http://localhost:8081} (paths are appended to it)
     * @param timeout how long one request may take, connecting included
     */
    public SchemaRegistryClient(URI url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("expected a schema registry URL like http://HOST:PORT, found '" + url
                    + "'");
        }
        String userInfo = url.getRawUserInfo();
        this.authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        this.base = URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + path);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A client of the registry at {@code url}, with 10 s per request. */
    public static SchemaRegistryClient of(String url) {
        return new SchemaRegistryClient(URI.create(url.strip()), Duration.ofSeconds(10));
    }

    /** The subject under which the record values of {@code topic} are registered (Confluent's TopicNameStrategy). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** The registry's base URL, without credentials. */
    public URI url() {
        return base;
    }

    /**
     * The id of {@code schema} under {@code subject}, registering it as the subject's next version when the
     * registry does not have it yet (the registry answers the existing id when it does).
     *
     * @throws IllegalStateException when the registry cannot be reached or refuses the schema (e.g. as
     *                               incompatible with the subject's earlier versions)
     */
    public int register(String subject, Schema schema) {
        String key = subject + '\u0000' + SchemaNormalization.parsingFingerprint64(schema);
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
                + "/versions";
        // No schemaType: AVRO is the default, and registries older than Confluent 5.5 refuse the field.
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", CONTENT_TYPE), "POST " + path);
        if (r.statusCode() != 200) {
            throw refused("POST " + path, r, "200 with the id of " + schema.getFullName());
        }
        int id = field(r, "POST " + path, "id").asInt();
        schemas.putIfAbsent(id, schema);
        ids.put(key, id);
        return id;
    }

    /**
     * The schema registered under {@code id}, or empty when the registry does not know the id (HTTP 404).
     *
     * @throws IllegalStateException when the registry cannot be reached or answers an error other than 404
     */
    public Optional<Schema> schemaById(int id) {
        Schema known = schemas.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        String path = "/schemas/ids/" + id;
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET " + path);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw refused("GET " + path, r, "200 with the schema, or 404");
        }
        JsonNode type = parse(r, "GET " + path).get("schemaType");
        if (type != null && !type.asText().equals("AVRO")) {
            throw new IllegalStateException("schema registry at " + base + " holds a " + type.asText()
                    + " schema under id " + id + ", expected an Avro schema");
        }
        Schema schema = new Schema.Parser().parse(field(r, "GET " + path, "schema").asText());
        Schema cached = schemas.putIfAbsent(id, schema);
        return Optional.of(cached != null ? cached : schema);
    }

    /** This registry seen from one subject, for a {@link io.liquidstream.schemas.codec.ConfluentWireCodec}. */
    public SchemaIdLookup forSubject(String subject) {
        return view(schema -> register(subject, schema));
    }

    /** This registry for readers: ids to schemas only; registering through it is refused. */
    public SchemaIdLookup forReading() {
        return view(schema -> {
            throw new UnsupportedOperationException("this view of the schema registry at " + base + " reads "
                    + "only; register " + schema.getFullName() + " through forSubject(subject)");
        });
    }

    private SchemaIdLookup view(ToIntFunction<Schema> ids) {
        return new SchemaIdLookup() {
            @Override
            public Optional<Schema> schemaById(int id) {
                return SchemaRegistryClient.this.schemaById(id);
            }

            @Override
            public int idOf(Schema schema) {
                return ids.applyAsInt(schema);
            }
        };
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        request.timeout(timeout).header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the schema registry at " + base + " (" + what + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the schema registry at " + base + " (" + what
                    + ")", e);
        }
    }

    private JsonNode field(HttpResponse<String> r, String what, String name) {
        JsonNode value = parse(r, what).get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("schema registry at " + base + " answered " + what + " without '" + name
                    + "': " + abbreviate(r.body()));
        }
        return value;
    }

    private JsonNode parse(HttpResponse<String> r, String what) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry at " + base + " answered " + what + " with other than "
                    + "JSON: " + abbreviate(r.body()), e);
        }
    }

    private IllegalStateException refused(String what, HttpResponse<String> r, String expected) {
        return new IllegalStateException("schema registry at " + base + " answered " + what + " with HTTP "
                + r.statusCode() + ": " + abbreviate(r.body()) + "; expected " + expected);
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }
}
