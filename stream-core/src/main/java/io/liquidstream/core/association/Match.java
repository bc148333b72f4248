package io.liquidstream.core.association;

import java.util.Objects;

/**
 * One candidate of an association query.
 *
 * @param kind whether the candidate is a registered class anchor or a gallery sample
 * @param id anchor id or gallery sample id
 * @param classLabel class of the candidate, or {@link #UNLABELLED} for an unlabelled gallery sample
 * @param modality modality of the candidate's embedding
 * @param score cosine similarity between query and candidate, in [-1, 1]
 */
public record Match(Kind kind, String id, int classLabel, String modality, float score) {

    /** Class label of a gallery sample whose class is not known. */
    public static final int UNLABELLED = -1;

    /** What a match stands for. */
    public enum Kind {
        /** A class anchor; in the streaming service, a class's prototype in one modality ({@link ClassPrototypes}). */
        ANCHOR,
        /** A recent embedding of another modality. */
        GALLERY
    }

    public Match {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modality, "modality");
    }

    public boolean labelled() {
        return classLabel != UNLABELLED;
    }
}
