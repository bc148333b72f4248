package io.liquidstream.core.evaluation;

/** Top-1 retrieval between two modalities A and B, by whatever model was fitted. */
public interface CrossModalRetriever {

    /** For each A query, the index of its nearest B gallery row. */
    int[] top1AToB(float[][] queriesA, float[][] galleryB);

    /** For each B query, the index of its nearest A gallery row. */
    int[] top1BToA(float[][] queriesB, float[][] galleryA);
}
