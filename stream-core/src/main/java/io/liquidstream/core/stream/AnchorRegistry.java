package io.liquidstream.core.stream;

import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds run-time class anchors to the association index as exemplars of their class's prototype
 * ({@link ClassPrototypes}): a {@link ClassAnchor} carries either raw events, which are embedded here by
 * the anchor modality's model as one whole sample, or an embedding, accepted only when it was made by the
 * running model version. A new class is recognisable from the next query on, without restart or
 * retraining.
 */
public final class AnchorRegistry {

    private final ClassPrototypes prototypes;
    private final Map<String, ModalityRuntime> models;
    private final String modelVersion;
    private final PacketReader reader;

    public AnchorRegistry(ClassPrototypes prototypes, Map<String, ModalityRuntime> models, String modelVersion) {
        this.prototypes = prototypes;
        this.models = Map.copyOf(models);
        this.modelVersion = modelVersion;
        Map<String, SensorGeometry> sensors = new HashMap<>();
        models.forEach((name, m) -> sensors.put(name, m.input().expectedGeometry()));
        this.reader = new PacketReader(sensors, Integer.MAX_VALUE);
    }

    /**
     * Registers the anchor as an exemplar of its class, replacing any with the same id; beyond the
     * per-class bound the class's oldest exemplar is dropped.
     *
     * @param where the anchor's position (topic, partition, offset) for error messages
     * @throws InvalidPacketException if its modality is not served, its events are invalid, or its
     *     embedding has another model version or dimension
     */
    public void register(ClassAnchor anchor, String where) {
        String modality = Modalities.name(anchor.getModality());
        ModalityRuntime model = models.get(modality);
        if (model == null) {
            throw new InvalidPacketException(RejectReason.UNKNOWN_MODALITY, "anchor '" + anchor.getAnchorId()
                    + "' expected a modality of " + models.keySet() + ", found '" + modality + "' at " + where);
        }
        float[] vector;
        if (anchor.getExemplar() instanceof EventPacket events) {
            Packet<Void> packet = reader.read(events, 0, null, where);
            if (packet.events().isEmpty()) {
                throw new InvalidPacketException(RejectReason.MALFORMED, "anchor '" + anchor.getAnchorId()
                        + "' has no events at " + where);
            }
            vector = model.embed(packet.events());
        } else {
            Embedding embedding = (Embedding) anchor.getExemplar();
            if (!modelVersion.equals(embedding.getModelVersion())) {
                throw new InvalidPacketException(RejectReason.MALFORMED, "anchor '" + anchor.getAnchorId()
                        + "' expected an embedding of model " + modelVersion + ", found "
                        + embedding.getModelVersion() + " at " + where);
            }
            List<Float> values = embedding.getVector();
            if (values.size() != prototypes.index().dimension()) {
                throw new InvalidPacketException(RejectReason.MALFORMED, "anchor '" + anchor.getAnchorId()
                        + "' expected an embedding of dimension " + prototypes.index().dimension() + ", found " + values.size()
                        + " at " + where);
            }
            vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
        }
        prototypes.add(anchor.getAnchorId().toString(), anchor.getClassLabel(), modality, vector);
    }

    /** Removes an anchor (a tombstone on the compacted topic); its class's prototype is recomputed. */
    public boolean remove(String anchorId) {
        return prototypes.remove(anchorId);
    }

    public ClassPrototypes prototypes() {
        return prototypes;
    }
}
