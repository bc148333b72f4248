package io.liquidstream.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry for tests, on a real loopback socket, serving the part of the Confluent Schema
 * Registry REST API that producers and consumers of the wire format use, as Confluent documents it:
 * {@code POST /subjects/{subject}/versions} (ids global per schema; a schema already in the subject gets
 * its id back; the default BACKWARD compatibility against the subject's latest version, else 409 with
 * error code 409), {@code GET /schemas/ids/{id}} (404 with error code 40403 when unknown),
 * {@code GET /subjects} and {@code GET /subjects/{subject}/versions}. No real registry runs here (none is
 * on Maven Central in a form that starts without its other modules), so this stands in for one: it is not
 * Confluent's, Karapace's or Apicurio's code.
 */
public final class ConfluentRestRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");

    private final HttpServer server;
    private final String prefix;
    private final Map<Integer, Schema> byId = new LinkedHashMap<>();
    private final Map<Long, Integer> idByFingerprint = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private ConfluentRestRegistry(String prefix) throws IOException {
        this.prefix = prefix;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(prefix.isEmpty() ? "/" : prefix, this::handle);
        server.start();
    }

    /** A registry at {@code http://127.0.0.1:PORT}. */
    public static ConfluentRestRegistry start() throws IOException {
        return new ConfluentRestRegistry("");
    }

    /** A registry under a path, as Apicurio serves its Confluent API at {@code /apis/ccompat/v7}. */
    public static ConfluentRestRegistry startUnder(String path) throws IOException {
        return new ConfluentRestRegistry(path);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Every request so far as {@code METHOD /path} (the prefix left out). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The Authorization header of every request so far (null where none was sent). */
    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    /** The subjects registered so far, in order. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    /** The schema registered under {@code id}, or null. */
    public synchronized Schema schema(int id) {
        return byId.get(id);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring(prefix.length());
        String method = exchange.getRequestMethod();
        requests.add(method + " " + path);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        try (exchange) {
            Matcher versions = VERSIONS.matcher(path);
            Matcher byIdPath = BY_ID.matcher(path);
            if (method.equals("POST") && versions.matches()) {
                String subject = URLDecoder.decode(versions.group(1), StandardCharsets.UTF_8);
                register(exchange, subject, JSON.readTree(exchange.getRequestBody()));
            } else if (method.equals("GET") && versions.matches()) {
                List<Integer> ids = versionsOf(URLDecoder.decode(versions.group(1), StandardCharsets.UTF_8));
                if (ids.isEmpty()) {
                    answer(exchange, 404, error(40401, "Subject not found."));
                    return;
                }
                List<Integer> numbers = new ArrayList<>();
                for (int v = 1; v <= ids.size(); v++) {
                    numbers.add(v);
                }
                answer(exchange, 200, JSON.valueToTree(numbers));
            } else if (method.equals("GET") && byIdPath.matches()) {
                Schema schema = schema(Integer.parseInt(byIdPath.group(1)));
                if (schema == null) {
                    answer(exchange, 404, error(40403, "Schema " + byIdPath.group(1) + " not found"));
                } else {
                    answer(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
                }
            } else if (method.equals("GET") && path.equals("/subjects")) {
                answer(exchange, 200, JSON.valueToTree(subjects()));
            } else {
                answer(exchange, 404, error(404, "HTTP 404 Not Found"));
            }
        }
    }

    private void register(HttpExchange exchange, String subject, JsonNode body) throws IOException {
        JsonNode text = body.get("schema");
        JsonNode type = body.get("schemaType");
        if (text == null || type != null && !type.asText().equals("AVRO")) {
            answer(exchange, 422, error(42201, "Either the input schema or one of its references is invalid"));
            return;
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            answer(exchange, 422, error(42201, "Invalid schema " + e.getMessage()));
            return;
        }
        Integer id;
        synchronized (this) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
            id = idByFingerprint.get(fingerprint);
            if (id == null || !versions.contains(id)) {
                if (!versions.isEmpty()) {
                    Schema latest = byId.get(versions.get(versions.size() - 1));
                    if (SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                            != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                        answer(exchange, 409, error(409, "Schema being registered is incompatible with an earlier "
                                + "schema for subject \"" + subject + "\""));
                        return;
                    }
                }
                if (id == null) {
                    id = byId.size() + 1;
                    byId.put(id, schema);
                    idByFingerprint.put(fingerprint, id);
                }
                versions.add(id);
            }
        }
        answer(exchange, 200, JSON.createObjectNode().put("id", id));
    }

    private synchronized List<Integer> versionsOf(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
