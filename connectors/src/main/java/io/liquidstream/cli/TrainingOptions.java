package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ContrastiveTrainer;
import picocli.CommandLine.Option;

/** Options shared by {@code train} and {@code eval zero-shot}: head shape and contrastive training. */
final class TrainingOptions {

    enum Loss {
        clip(ContrastiveTrainer.LossKind.CLIP), supcon(ContrastiveTrainer.LossKind.SUPCON),
        seed(ContrastiveTrainer.LossKind.SEED_SOFT);

        final ContrastiveTrainer.LossKind kind;

        Loss(ContrastiveTrainer.LossKind kind) {
            this.kind = kind;
        }

        static Loss of(ContrastiveTrainer.LossKind kind) {
            for (Loss l : values()) {
                if (l.kind == kind) {
                    return l;
                }
            }
            throw new IllegalArgumentException("no --loss value for " + kind);
        }
    }

    @Option(names = "--segments", paramLabel = "K|M=K,M=K", description = OptionTexts.SEGMENTS)
    String segmentsText;

    @Option(names = "--standardise", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train the heads on standardised reservoir features (per-neuron mean and spread of the "
                    + "training set, folded into the heads' first layer, so bundles are unchanged in form). "
                    + "Default: on; --no-standardise for raw firing rates.")
    boolean standardise;

    @Option(names = "--pd", defaultValue = "64", description = "Projection (embedding) dimension. Default: ${DEFAULT-VALUE}.")
    int projectionDim;

    @Option(names = "--hidden", split = ",", paramLabel = "WIDTH",
            description = "Hidden layer widths of each head (0-2 values, e.g. 256). Default: none (one linear layer).")
    int[] hidden = new int[0];

    @Option(names = "--activation", defaultValue = "GELU",
            description = "Hidden activation: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Activation activation;

    @Option(names = "--loss",
            description = "clip (hard targets, L2-normalised), supcon (every same-class pair positive) or seed "
                    + "(the seed's published soft-target loss, tau 1, unnormalised; collapses). Default: supcon — pairs are "
                    + "formed within a class by index, so hard-target CLIP learns arbitrary partners and over-fits.")
    Loss loss;

    @Option(names = "--temperature", defaultValue = "0.1", description = "Initial temperature tau. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--fixed-temperature", description = "Keep tau fixed instead of learning it.")
    boolean fixedTemperature;

    @Option(names = "--epochs", defaultValue = "100", description = "Training epochs (final epoch is used). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Pairs per batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    CrossModalTraining.HeadShape shape() {
        return new CrossModalTraining.HeadShape(hidden, projectionDim, activation, standardise);
    }

    ContrastiveTrainer.Config config(long seed) {
        Loss l = loss != null ? loss : Loss.supcon;
        double tau = l == Loss.seed ? 1.0 : temperature;
        boolean learnable = l != Loss.seed && !fixedTemperature;
        return new ContrastiveTrainer.Config(epochs, batchSize, learningRate, weightDecay, tau, learnable, l.kind, seed);
    }

    ReadoutSegments segments() {
        return ReadoutSegments.parse(segmentsText);
    }

    String lossName() {
        return (loss != null ? loss : Loss.supcon).name();
    }
}
