package io.liquidstream.core.evaluation;

import io.liquidstream.core.association.PrototypicalClassifier;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.projection.FeatureStandardiser;
import io.liquidstream.core.projection.ProjectionHead;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Fits a cross-modal model on the training pairs of a {@link ZeroShotProtocol}: contrastive projection
 * heads (the method) or the prototypical ridge-map baseline.
 */
public final class CrossModalTraining {

    /**
     * Shape of each modality's projection head.
     *
     * @param hiddenDims widths of 0–2 hidden layers
     * @param projectionDim embedding dimension (the seed's pd: 64 or 128)
     * @param standardise whether the heads are trained on standardised features
     *     ({@link FeatureStandardiser}, folded into the trained heads, so they still take raw features)
     */
    public record HeadShape(int[] hiddenDims, int projectionDim, Activation activation, boolean standardise) {

        /** A shape trained on standardised features. */
        public HeadShape(int[] hiddenDims, int projectionDim, Activation activation) {
            this(hiddenDims, projectionDim, activation, true);
        }

        /** One linear layer, GELU for any hidden layer, standardised features. */
        public static HeadShape of(int projectionDim) {
            return new HeadShape(new int[0], projectionDim, Activation.GELU);
        }

        public HeadShape withStandardise(boolean on) {
            return new HeadShape(hiddenDims, projectionDim, activation, on);
        }
    }

    /** Trained heads and what training saw. */
    public record ClipModel(ProjectionHead headA, ProjectionHead headB, double temperature, double[] epochLosses,
            int pairs) {
        public ProjectionRetriever retriever() {
            return new ProjectionRetriever(headA, headB);
        }
    }

    private CrossModalTraining() {
    }

    /** Trains two heads with the configured contrastive loss on pairs of the training classes. */
    public static ClipModel trainHeads(Set<Integer> trainClasses, ModalityFeatures a, ModalityFeatures b,
            HeadShape shape, ContrastiveTrainer.Config config, ContrastiveTrainer.EpochListener listener) {
        int[][] pairs = ClassPairing.pairs(a.trainLabels(), b.trainLabels(), trainClasses);
        requirePairs(pairs, trainClasses, a, b);
        float[][] pa = new float[pairs.length][];
        float[][] pb = new float[pairs.length][];
        int[] labels = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            pa[i] = a.train()[pairs[i][0]];
            pb[i] = b.train()[pairs[i][1]];
            labels[i] = a.trainLabels()[pairs[i][0]];
        }
        // The seed's published loss works on unnormalised embeddings; everything else on the unit sphere.
        boolean normalised = config.loss() != ContrastiveTrainer.LossKind.SEED_SOFT;
        ProjectionHead headA = ProjectionHead.create(a.dimension(), shape.hiddenDims(), shape.projectionDim(),
                shape.activation(), config.seed() * 2 + 1, DataType.FLOAT, normalised);
        ProjectionHead headB = ProjectionHead.create(b.dimension(), shape.hiddenDims(), shape.projectionDim(),
                shape.activation(), config.seed() * 2 + 2, DataType.FLOAT, normalised);
        if (!shape.standardise()) {
            ContrastiveTrainer.Result r = ContrastiveTrainer.train(pa, pb, labels, headA, headB, config, listener);
            return new ClipModel(r.headA(), r.headB(), r.temperature(), r.epochLosses(), pairs.length);
        }
        FeatureStandardiser za = FeatureStandardiser.fit(pa, FeatureStandardiser.DEFAULT_FLOOR);
        FeatureStandardiser zb = FeatureStandardiser.fit(pb, FeatureStandardiser.DEFAULT_FLOOR);
        ContrastiveTrainer.Result r = ContrastiveTrainer.train(za.apply(pa), zb.apply(pb), labels, headA, headB, config,
                listener);
        return new ClipModel(za.foldInto(r.headA()), zb.foldInto(r.headB()), r.temperature(), r.epochLosses(),
                pairs.length);
    }

    /** Fits the prototypical baseline's maps on the protocol's training pairs. */
    public static PrototypeRetriever fitPrototypes(ZeroShotProtocol protocol, ModalityFeatures a, ModalityFeatures b,
            PrototypicalClassifier.Normalisation normalisation, double ridge) {
        int[][] pairs = protocol.trainingPairs(a, b);
        requirePairs(pairs, protocol.config().trainClasses(), a, b);
        float[][] pa = new float[pairs.length][];
        float[][] pb = new float[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            pa[i] = a.train()[pairs[i][0]];
            pb[i] = b.train()[pairs[i][1]];
        }
        PrototypicalClassifier c = PrototypicalClassifier.fit(a.modality(), pa, b.modality(), pb, normalisation, ridge);
        return new PrototypeRetriever(c, a.modality(), b.modality());
    }

    private static void requirePairs(int[][] pairs, Set<Integer> trainClasses, ModalityFeatures a, ModalityFeatures b) {
        if (pairs.length == 0) {
            throw new IllegalArgumentException("no training pairs: " + a.modality() + " and " + b.modality()
                    + " share no samples of training classes " + trainClasses);
        }
    }
}
