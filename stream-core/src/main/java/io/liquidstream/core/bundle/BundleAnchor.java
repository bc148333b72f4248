package io.liquidstream.core.bundle;

import java.util.Arrays;
import java.util.Objects;

/** A class anchor shipped with a model: an embedding standing for a class. */
public record BundleAnchor(String anchorId, int classLabel, String modality, float[] vector) {

    public BundleAnchor {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(modality, "modality");
        vector = vector.clone();
        if (classLabel < 0) {
            throw new IllegalArgumentException("anchor '" + anchorId + "' needs a class label >= 0, found " + classLabel);
        }
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleAnchor other && anchorId.equals(other.anchorId) && classLabel == other.classLabel
                && modality.equals(other.modality) && Arrays.equals(vector, other.vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(anchorId, classLabel, modality, Arrays.hashCode(vector));
    }

    @Override
    public String toString() {
        return "BundleAnchor[" + anchorId + ", class " + classLabel + ", " + modality + ", dim " + vector.length + "]";
    }
}
