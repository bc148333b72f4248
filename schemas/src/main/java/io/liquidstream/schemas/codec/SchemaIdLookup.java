package io.liquidstream.schemas.codec;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Maps schema ids of a schema registry to schemas and back, for {@link ConfluentWireCodec}.
 * Implementations may call a remote registry; the codec caches what it gets, so each id and each
 * writer schema is looked up once. Implementations must be thread-safe.
 */
public interface SchemaIdLookup {

    /** @return the schema registered under {@code id}, or empty if the registry does not know it */
    Optional<Schema> schemaById(int id);

    /**
     * @return the id of {@code schema}, registering it first if the registry supports that
     * @throws IllegalStateException if the schema is unknown and cannot be registered
     */
    int idOf(Schema schema);
}
