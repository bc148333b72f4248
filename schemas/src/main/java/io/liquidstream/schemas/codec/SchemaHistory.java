package io.liquidstream.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The released schemas of a record type before its current one, shipped with the library as
 * {@code io/liquidstream/schemas/history/<Name>-v<N>.avsc} (N = 1, 2, ...), so that readers resolve records
 * written by producers that still use an older schema (fields added since get their defaults) instead of
 * refusing them as an unknown writer fingerprint.
 */
public final class SchemaHistory {

    private SchemaHistory() {
    }

    /** The older schemas of {@code type}, oldest first; none when it has never changed. */
    public static Schema[] of(Class<? extends SpecificRecord> type) {
        List<Schema> older = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "history/" + type.getSimpleName() + "-v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream("/io/liquidstream/schemas/" + resource)) {
                if (in == null) {
                    return older.toArray(Schema[]::new);
                }
                older.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schema resource " + resource, e);
            }
        }
    }
}
