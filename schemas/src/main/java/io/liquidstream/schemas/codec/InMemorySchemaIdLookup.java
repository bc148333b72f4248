package io.liquidstream.schemas.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A registry kept in memory, for tests and single-process use. Schemas with the same parsing
 * canonical form share one id; new schemas get ids 1, 2, 3, ... unless registered under a chosen id.
 */
public final class InMemorySchemaIdLookup implements SchemaIdLookup {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Long, Integer> idByFingerprint = new HashMap<>();
    private int nextId = 1;

    @Override
    public synchronized Optional<Schema> schemaById(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Returns the schema's id, registering it under the next free id if it is new. */
    @Override
    public synchronized int idOf(Schema schema) {
        Integer id = idByFingerprint.get(SchemaNormalization.parsingFingerprint64(schema));
        if (id != null) {
            return id;
        }
        while (byId.containsKey(nextId)) {
            nextId++;
        }
        register(nextId, schema);
        return nextId;
    }

    /**
     * Registers {@code schema} under a chosen id, e.g. to mirror ids from a remote registry.
     *
     * @throws IllegalArgumentException if the id is taken by a different schema
     */
    public synchronized void register(int id, Schema schema) {
        Schema existing = byId.get(id);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        if (existing != null && SchemaNormalization.parsingFingerprint64(existing) != fingerprint) {
            throw new IllegalArgumentException("Schema id " + id + " is already taken by "
                    + existing.getFullName() + " with a different canonical form");
        }
        byId.put(id, schema);
        idByFingerprint.putIfAbsent(fingerprint, id);
    }
}
