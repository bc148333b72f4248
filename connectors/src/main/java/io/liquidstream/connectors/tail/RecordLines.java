package io.liquidstream.connectors.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liquidstream.schemas.codec.AnyMessageDecoder;
import io.liquidstream.schemas.codec.AnyMessageDecoder.Decoded;
import io.liquidstream.schemas.codec.RecordDecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One readable line per Kafka record of a LiquidStream topic, whatever message type it holds.
 *
 * <p>{@link Format#JSON}: one JSON object with the record's topic, partition, offset, timestamp, key,
 * headers, message type, encoding and the whole message (unions as their value, enums as their symbol).
 * {@link Format#TABLE}: partition, offset, time, type and the message's non-null fields as
 * {@code name=value}, arrays longer than {@value #LISTED} shown as their first values and their length
 * (embedding vectors, event columns). A record that does not decode becomes a line saying why.
 */
public final class RecordLines {

    /** How records are written. */
    public enum Format {
        JSON, TABLE
    }

    static final int LISTED = 6;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Format format;
    private final AnyMessageDecoder decoder;

    public RecordLines(Format format, AnyMessageDecoder decoder) {
        this.format = format;
        this.decoder = decoder;
    }

    /** A decoded record's line. */
    public record Line(String text, boolean decoded) {
    }

    public Line line(ConsumerRecord<byte[], byte[]> record) {
        Decoded decoded = null;
        String error = null;
        if (record.value() != null) {
            try {
                decoded = decoder.decode(record.value());
            } catch (RecordDecodingException e) {
                error = e.reason() + ": " + e.getMessage();
            }
        }
        String text = format == Format.JSON ? json(record, decoded, error) : table(record, decoded, error);
        return new Line(text, error == null);
    }

    private static String json(ConsumerRecord<byte[], byte[]> record, Decoded decoded, String error) {
        ObjectNode line = NODES.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        if (record.headers().iterator().hasNext()) {
            ObjectNode headers = line.putObject("headers");
            for (Header h : record.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        if (record.value() == null) {
            line.putNull("value");
        } else if (decoded != null) {
            line.put("type", decoded.record().getSchema().getName());
            line.put("encoding", decoded.encoding() == AnyMessageDecoder.Encoding.SINGLE_OBJECT
                    ? "single-object" : "confluent");
            line.set("value", json(decoded.record()));
        } else {
            line.put("error", error);
            line.put("bytes", record.value().length);
        }
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), json(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object item : list) {
                array.add(json(item));
            }
            return array;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(f.toString());
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString());
    }

    private static String table(ConsumerRecord<byte[], byte[]> record, Decoded decoded, String error) {
        StringBuilder line = new StringBuilder();
        line.append(CLOCK.format(Instant.ofEpochMilli(record.timestamp()))).append(' ')
                .append('p').append(record.partition()).append('@').append(record.offset()).append(' ');
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            return line.append("tombstone key=").append(key).toString();
        }
        if (decoded == null) {
            return line.append("undecodable key=").append(key).append(' ').append(error).toString();
        }
        IndexedRecord message = decoded.record();
        line.append(message.getSchema().getName());
        if (decoded.encoding() == AnyMessageDecoder.Encoding.CONFLUENT_WIRE) {
            line.append(" (confluent)");
        }
        fields(line.append(' '), message, " ");
        return line.toString();
    }

    private static void fields(StringBuilder line, IndexedRecord record, String separator) {
        boolean first = true;
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value != null) {
                line.append(first ? "" : separator).append(field.name()).append('=');
                text(line, value);
                first = false;
            }
        }
    }

    private static void text(StringBuilder line, Object value) {
        if (value instanceof IndexedRecord record) {
            fields(line.append('{'), record, ", ");
            line.append('}');
        } else if (value instanceof List<?> list) {
            line.append('[');
            int shown = list.size() > LISTED ? LISTED - 2 : list.size();
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    line.append(", ");
                }
                text(line, list.get(i));
            }
            if (shown < list.size()) {
                line.append(", ... (").append(list.size()).append(' ').append(kind(list.get(0))).append(')');
            }
            line.append(']');
        } else if (value instanceof Float || value instanceof Double) {
            line.append(String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue()));
        } else {
            line.append(value);
        }
    }

    private static String kind(Object item) {
        if (item instanceof Float) {
            return "floats";
        }
        if (item instanceof Integer) {
            return "ints";
        }
        return "items";
    }
}
