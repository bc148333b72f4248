package io.liquidstream.connectors.view;

import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.projection.PrincipalPlane;
import io.liquidstream.core.stream.Modalities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The embedding space in 2-D: recent windows of every modality and the class prototypes (with a few of
 * their exemplars), projected on the principal plane of all of them together, refitted each time so the
 * picture follows the stream.
 */
final class EmbeddingMap {

    static final int EXEMPLARS_SHOWN = 8;

    private EmbeddingMap() {
    }

    static Map<String, Object> of(List<RecentWindow> windows, List<ClassPrototypes.Prototype> prototypes,
            IntFunction<String> names) {
        List<float[]> vectors = new ArrayList<>();
        int dimension = -1;
        for (RecentWindow w : windows) {
            dimension = dimension < 0 ? w.vector().length : dimension;
            if (w.vector().length == dimension) {
                vectors.add(w.vector());
            }
        }
        for (ClassPrototypes.Prototype p : prototypes) {
            dimension = dimension < 0 ? p.vector().length : dimension;
            if (p.vector().length == dimension) {
                vectors.add(p.vector());
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<String, Object>> points = new ArrayList<>();
        List<Map<String, Object>> anchors = new ArrayList<>();
        map.put("points", points);
        map.put("anchors", anchors);
        if (vectors.size() < 2 || dimension < 2) {
            map.put("explainedVariance", List.of());
            return map;
        }
        PrincipalPlane plane = PrincipalPlane.fit(vectors);
        for (RecentWindow w : windows) {
            if (w.vector().length != dimension) {
                continue;
            }
            double[] xy = plane.project(w.vector());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("x", AssociationLog.round(xy[0], 4));
            m.put("y", AssociationLog.round(xy[1], 4));
            m.put("modality", Modalities.name(w.embedding().getModality()));
            m.put("predictedClass", w.predictedClass());
            m.put("label", w.embedding().getLabel());
            m.put("source", w.source());
            m.put("sampleId", w.sampleId());
            points.add(m);
        }
        for (ClassPrototypes.Prototype p : prototypes) {
            if (p.vector().length != dimension) {
                continue;
            }
            anchors.add(anchor(plane.project(p.vector()), p, true, names));
            List<float[]> exemplars = p.exemplars();
            for (int k = Math.max(0, exemplars.size() - EXEMPLARS_SHOWN); k < exemplars.size(); k++) {
                anchors.add(anchor(plane.project(exemplars.get(k)), p, false, names));
            }
        }
        double[] explained = plane.explainedVariance();
        map.put("explainedVariance", List.of(AssociationLog.round(explained[0], 3), AssociationLog.round(explained[1], 3)));
        return map;
    }

    private static Map<String, Object> anchor(double[] xy, ClassPrototypes.Prototype p, boolean prototype,
            IntFunction<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", AssociationLog.round(xy[0], 4));
        m.put("y", AssociationLog.round(xy[1], 4));
        m.put("classLabel", p.classLabel());
        m.put("className", names.apply(p.classLabel()));
        m.put("modality", p.modality());
        m.put("prototype", prototype);
        return m;
    }
}
