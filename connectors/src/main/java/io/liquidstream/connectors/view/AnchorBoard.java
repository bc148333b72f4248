package io.liquidstream.connectors.view;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.stream.AnchorRegistry;
import io.liquidstream.core.stream.InvalidPacketException;
import io.liquidstream.core.stream.ModalityRuntime;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.Embedding;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class anchors as the service holds them, rebuilt from the anchors topic: one prototype per (class,
 * modality) from the same exemplars, with the same bound ({@link ClassPrototypes}), so the map can mark
 * where each class sits. With the model, raw-event exemplars are embedded exactly as the service embeds
 * them and the bundle's own anchors count; without it, only embedding exemplars can be placed (the others
 * are counted as {@link #unplaced()}). Synchronised on itself.
 */
final class AnchorBoard {

    private final Map<String, ModalityRuntime> models;
    private final String modelVersion;
    private final int maxPerClass;
    private final Map<Integer, String> names = new TreeMap<>();
    private ClassPrototypes prototypes;
    private AnchorRegistry registry;
    private int unplaced;

    AnchorBoard(ModelBundle bundle, int maxPerClass) {
        this.maxPerClass = maxPerClass;
        this.models = new LinkedHashMap<>();
        if (bundle != null) {
            bundle.modalities().forEach(m -> models.put(m.name(), ModalityRuntime.of(m)));
            this.modelVersion = bundle.version();
            int dimension = models.values().iterator().next().dimension();
            prototypes = new ClassPrototypes(new AssociationIndex(dimension, 1), maxPerClass);
            registry = new AnchorRegistry(prototypes, models, modelVersion);
            for (BundleAnchor a : bundle.anchors()) {
                prototypes.add(a.anchorId(), a.classLabel(), a.modality(), a.vector());
            }
        } else {
            this.modelVersion = null;
        }
    }

    /** The modalities the model runs, by name; empty without a model. */
    Map<String, ModalityRuntime> models() {
        return models;
    }

    synchronized void apply(String anchorId, ClassAnchor anchor) {
        if (anchor == null) {
            if (prototypes != null) {
                prototypes.remove(anchorId);
            }
            return;
        }
        if (anchor.getClassName() != null) {
            names.put(anchor.getClassLabel(), anchor.getClassName().toString());
        }
        try {
            if (registry != null) {
                registry.register(anchor, "the anchors topic");
            } else if (anchor.getExemplar() instanceof Embedding e) {
                float[] v = new float[e.getVector().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = e.getVector().get(i);
                }
                if (prototypes == null) {
                    prototypes = new ClassPrototypes(new AssociationIndex(v.length, 1), maxPerClass);
                }
                prototypes.add(anchor.getAnchorId().toString(), anchor.getClassLabel(), Modalities.name(anchor.getModality()), v);
            } else {
                unplaced++;
            }
        } catch (InvalidPacketException | IllegalArgumentException e) {
            // The service dead-letters such an anchor; the map leaves it out as well.
            unplaced++;
        }
    }

    /** Name of a class when an anchor gave one, else {@code "class N"}. */
    synchronized String name(int classLabel) {
        return names.getOrDefault(classLabel, "class " + classLabel);
    }

    synchronized Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach((k, v) -> out.put(Integer.toString(k), v));
        return out;
    }

    synchronized List<ClassPrototypes.Prototype> prototypes() {
        return prototypes == null ? List.of() : prototypes.snapshot();
    }

    synchronized int unplaced() {
        return unplaced;
    }

    String modelVersion() {
        return modelVersion;
    }

    /** Vision geometry etc. per modality, as the model expects it. */
    Map<String, io.liquidstream.core.event.SensorGeometry> geometries() {
        Map<String, io.liquidstream.core.event.SensorGeometry> out = new HashMap<>();
        models.forEach((name, m) -> out.put(name, m.input().expectedGeometry()));
        return out;
    }
}
