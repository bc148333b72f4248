package io.liquidstream.core.association;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Class exemplars kept as one prototype per (class, modality) in an {@link AssociationIndex}: the mean of
 * the exemplars' L2-normalised embeddings, re-normalised (a prototypical-network class mean). Adding or
 * removing an exemplar recomputes its class's prototype and replaces it in the index, so a query always
 * scores whole classes, however many exemplars each has.
 *
 * <p>Bounded: at most {@code maxPerClass} exemplars per class and modality; one more drops the oldest
 * (the one added first; re-adding an id makes it the newest). An exemplar re-added under the same id
 * replaces the old one, in whatever class it was.
 *
 * <p>Thread-safe: writers are serialised here; the index swaps a prototype in one write, so concurrent
 * queries see either the old or the new prototype, never a half-computed one.
 */
public final class ClassPrototypes {

    private final AssociationIndex index;
    private final int maxPerClass;
    private final Map<Key, ArrayDeque<Exemplar>> byClass = new HashMap<>();
    private final Map<String, Key> classOf = new HashMap<>();

    /**
     * @param index where the prototypes go, under {@link #prototypeId} ids (its anchors should be
     *     written only through this object)
     * @param maxPerClass most exemplars kept per class and modality
     */
    public ClassPrototypes(AssociationIndex index, int maxPerClass) {
        if (maxPerClass < 1) {
            throw new IllegalArgumentException("maxPerClass must be at least 1, found " + maxPerClass);
        }
        this.index = Objects.requireNonNull(index, "index");
        this.maxPerClass = maxPerClass;
    }

    /** The index id of the prototype of {@code classLabel} in {@code modality}, e.g. {@code class-8/vision}. */
    public static String prototypeId(int classLabel, String modality) {
        return "class-" + classLabel + "/" + modality;
    }

    /**
     * Adds (or replaces) an exemplar and recomputes its class's prototype.
     *
     * @return the id of the oldest exemplar dropped to stay within {@code maxPerClass}, if one was
     */
    public synchronized Optional<String> add(String exemplarId, int classLabel, String modality, float[] vector) {
        Objects.requireNonNull(exemplarId, "exemplarId");
        Objects.requireNonNull(modality, "modality");
        if (classLabel < 0) {
            throw new IllegalArgumentException("exemplar '" + exemplarId + "' needs a class label >= 0, found "
                    + classLabel);
        }
        Vectors.requireDimension("exemplar '" + exemplarId + "'", vector, index.dimension());
        remove(exemplarId);
        Key key = new Key(classLabel, modality);
        ArrayDeque<Exemplar> exemplars = byClass.computeIfAbsent(key, k -> new ArrayDeque<>());
        exemplars.addLast(new Exemplar(exemplarId, Vectors.normalised(vector)));
        classOf.put(exemplarId, key);
        String dropped = null;
        if (exemplars.size() > maxPerClass) {
            dropped = exemplars.pollFirst().id();
            classOf.remove(dropped);
        }
        publish(key);
        return Optional.ofNullable(dropped);
    }

    /** Removes an exemplar and recomputes (or, when it was the last, removes) its class's prototype. */
    public synchronized boolean remove(String exemplarId) {
        Key key = classOf.remove(exemplarId);
        if (key == null) {
            return false;
        }
        ArrayDeque<Exemplar> exemplars = byClass.get(key);
        exemplars.removeIf(e -> e.id().equals(exemplarId));
        if (exemplars.isEmpty()) {
            byClass.remove(key);
        }
        publish(key);
        return true;
    }

    /** Exemplars held, over every class and modality. */
    public synchronized int exemplarCount() {
        return classOf.size();
    }

    /** Prototypes in the index: (class, modality) pairs with at least one exemplar. */
    public synchronized int prototypeCount() {
        return byClass.size();
    }

    /** The classes with at least one exemplar, in any modality. */
    public synchronized SortedSet<Integer> classes() {
        SortedSet<Integer> out = new TreeSet<>();
        byClass.keySet().forEach(k -> out.add(k.classLabel()));
        return out;
    }

    /** Ids of the exemplars of a class in a modality, oldest first; empty when none. */
    public synchronized List<String> exemplars(int classLabel, String modality) {
        ArrayDeque<Exemplar> exemplars = byClass.get(new Key(classLabel, modality));
        return exemplars == null ? List.of() : exemplars.stream().map(Exemplar::id).toList();
    }

    public AssociationIndex index() {
        return index;
    }

    /** A (class, modality) pair's prototype and its exemplars' unit vectors, as {@link #snapshot()} gives them. */
    public record Prototype(int classLabel, String modality, float[] vector, List<float[]> exemplars) {
    }

    /**
     * Every prototype with its exemplars, by class then modality: copies, for display (the live view draws
     * them on its map). A prototype whose exemplars cancel out is absent, as it is from the index.
     */
    public synchronized List<Prototype> snapshot() {
        List<Prototype> out = new ArrayList<>();
        byClass.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Key, ArrayDeque<Exemplar>> e) -> e.getKey().classLabel())
                        .thenComparing(e -> e.getKey().modality()))
                .forEach(e -> {
                    List<float[]> units = e.getValue().stream().map(x -> x.unit().clone()).toList();
                    float[] mean = new float[index.dimension()];
                    units.forEach(u -> {
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] += u[i];
                        }
                    });
                    float[] unit = Vectors.normalised(mean);
                    if (unit.length > 0 && Vectors.dot(unit, 0, unit, 0, unit.length) > 0) {
                        out.add(new Prototype(e.getKey().classLabel(), e.getKey().modality(), unit, units));
                    }
                });
        return out;
    }

    private void publish(Key key) {
        String id = prototypeId(key.classLabel(), key.modality());
        ArrayDeque<Exemplar> exemplars = byClass.get(key);
        if (exemplars == null) {
            index.removeAnchor(id);
            return;
        }
        float[] mean = new float[index.dimension()];
        for (Exemplar e : exemplars) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += e.unit()[i];
            }
        }
        // Exemplars pointing in opposite directions can cancel out; such a class has no direction to match.
        double norm = 0;
        for (float v : mean) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            index.removeAnchor(id);
            return;
        }
        index.addAnchor(id, key.classLabel(), key.modality(), mean); // the index re-normalises
    }

    private record Key(int classLabel, String modality) {
    }

    private record Exemplar(String id, float[] unit) {
    }
}
