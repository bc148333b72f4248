package io.liquidstream.core.association;

import java.util.Objects;

/**
 * Which candidates a query considers: anchors, gallery samples or both, optionally of one modality only.
 *
 * @param anchors whether class anchors are candidates
 * @param gallery whether gallery samples are candidates
 * @param modality the only modality considered, or {@code null} for every modality
 */
public record Filter(boolean anchors, boolean gallery, String modality) {

    public Filter {
        if (!anchors && !gallery) {
            throw new IllegalArgumentException("a filter must admit anchors, gallery samples or both, found neither");
        }
    }

    /** Anchors and gallery samples of every modality. */
    public static Filter all() {
        return new Filter(true, true, null);
    }

    /** Anchors of every modality. */
    public static Filter anchorsOnly() {
        return new Filter(true, false, null);
    }

    /** Gallery samples of every modality. */
    public static Filter galleryOnly() {
        return new Filter(false, true, null);
    }

    /** The same kinds, restricted to one modality. */
    public Filter ofModality(String onlyModality) {
        return new Filter(anchors, gallery, Objects.requireNonNull(onlyModality, "onlyModality"));
    }

    boolean admits(Match.Kind kind) {
        return kind == Match.Kind.ANCHOR ? anchors : gallery;
    }
}
