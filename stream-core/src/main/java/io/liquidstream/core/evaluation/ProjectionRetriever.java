package io.liquidstream.core.evaluation;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.projection.ProjectionHead;
import org.nd4j.linalg.factory.Nd4j;

/** Retrieval in the shared embedding space of two trained projection heads (cosine, top-1). */
public final class ProjectionRetriever implements CrossModalRetriever {

    private final ProjectionHead headA;
    private final ProjectionHead headB;

    public ProjectionRetriever(ProjectionHead headA, ProjectionHead headB) {
        this.headA = headA;
        this.headB = headB;
    }

    /** Embeddings of many rows at once (one batched forward pass). */
    public static float[][] embed(ProjectionHead head, float[][] features) {
        if (features.length == 0) {
            return new float[0][];
        }
        return head.forward(Nd4j.createFromArray(features).castTo(head.dataType())).toFloatMatrix();
    }

    /** Embeddings of A rows by head A. */
    public float[][] embedA(float[][] featuresA) {
        return embed(headA, featuresA);
    }

    /** Embeddings of B rows by head B. */
    public float[][] embedB(float[][] featuresB) {
        return embed(headB, featuresB);
    }

    @Override
    public int[] top1AToB(float[][] queriesA, float[][] galleryB) {
        return AssociationIndex.top1(embed(headA, queriesA), embed(headB, galleryB));
    }

    @Override
    public int[] top1BToA(float[][] queriesB, float[][] galleryA) {
        return AssociationIndex.top1(embed(headB, queriesB), embed(headA, galleryA));
    }
}
