package io.liquidstream.core.evaluation;

import io.liquidstream.core.association.PrototypicalClassifier;

/** Retrieval through the prototypical baseline's ridge maps between the two feature spaces. */
public final class PrototypeRetriever implements CrossModalRetriever {

    private final PrototypicalClassifier classifier;
    private final String modalityA;
    private final String modalityB;

    public PrototypeRetriever(PrototypicalClassifier classifier, String modalityA, String modalityB) {
        this.classifier = classifier;
        this.modalityA = modalityA;
        this.modalityB = modalityB;
    }

    @Override
    public int[] top1AToB(float[][] queriesA, float[][] galleryB) {
        return classifier.retrieveTop1(modalityA, queriesA, galleryB);
    }

    @Override
    public int[] top1BToA(float[][] queriesB, float[][] galleryA) {
        return classifier.retrieveTop1(modalityB, queriesB, galleryA);
    }
}
