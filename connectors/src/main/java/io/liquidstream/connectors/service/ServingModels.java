package io.liquidstream.connectors.service;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.AnchorRegistry;
import io.liquidstream.core.stream.ModalityRuntime;
import io.liquidstream.core.stream.SlidingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service serves from its bundle: the runtimes of the modalities it is configured for, the
 * association index they share, and the class prototypes in it, seeded with the bundle's anchors.
 */
record ServingModels(Map<String, ModalityRuntime> models, AssociationIndex index, AnchorRegistry anchors) {

    static ServingModels of(ServiceConfig config, ModelBundle bundle) {
        Map<String, ModalityRuntime> models = new LinkedHashMap<>();
        List<String> wanted = config.getList(ServiceConfig.MODALITIES);
        bundle.modalities().forEach(m -> {
            if (wanted.isEmpty() || wanted.contains(m.name())) {
                models.put(m.name(), ModalityRuntime.of(m));
            }
        });
        if (models.isEmpty()) {
            throw new IllegalArgumentException("expected modalities " + wanted + " in the bundle, found only "
                    + bundle.modalities().stream().map(m -> m.name()).toList());
        }
        int dimension = models.values().iterator().next().dimension();
        AssociationIndex index = new AssociationIndex(dimension, 1);
        ClassPrototypes prototypes = new ClassPrototypes(index, config.getInt(ServiceConfig.ANCHORS_MAX_PER_CLASS));
        // Bundle anchors are the oldest exemplars of their classes: run-time anchors beyond the bound replace them.
        for (BundleAnchor a : bundle.anchors()) {
            if (models.containsKey(a.modality())) {
                prototypes.add(a.anchorId(), a.classLabel(), a.modality(), a.vector());
            }
        }
        return new ServingModels(models, index, new AnchorRegistry(prototypes, models, bundle.version()));
    }

    /**
     * The sensor each modality accepts, from the bundle's input specs: a model trained with
     * {@code --input vision=sensor(320,240,2)|...} serves 320x240 cameras.
     */
    Map<String, SensorGeometry> sensors() {
        Map<String, SensorGeometry> sensors = new LinkedHashMap<>();
        models.forEach((name, m) -> sensors.put(name, m.input().expectedGeometry()));
        return sensors;
    }

    /** The modalities that publish continuous read-outs: windowed as a carried liquid, with a decoder. */
    List<String> decodedModalities(ServiceConfig config) {
        var sliding = config.pipelineSettings().sliding();
        return models.values().stream().filter(m -> m.decoder() != null && sliding.containsKey(m.name())
                && sliding.get(m.name()).liquid() == SlidingSpec.Liquid.CARRIED).map(ModalityRuntime::name).toList();
    }
}
