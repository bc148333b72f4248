package io.liquidstream.core.association;

/**
 * A class predicted for a query by {@link AssociationIndex#predictClass}.
 *
 * @param classLabel the predicted class
 * @param score cosine similarity of the best candidate of that class
 * @param basis whether anchors or gallery samples decided
 * @param votes candidates of that class among those consulted (1 when an anchor decided)
 */
public record Prediction(int classLabel, float score, Match.Kind basis, int votes) {
}
