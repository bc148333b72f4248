package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;

/**
 * The seed's own settings for each of its protocols, per data set, in one place: the code of Lin et al.,
 * <i>Nature Computational Science</i> 2025 ({@value #SOURCE}). Every value cites the file (and line, where
 * the argparse default is the value) it comes from; where a run script overrides a default, the script
 * is cited. Commands take their defaults from here, so a run without flags is the seed's run.
 *
 * <p>The int constants exist so that {@code --help} texts, which must be compile-time constants, print the
 * same numbers the protocols use.
 */
public final class SeedProtocols {

    /** The seed's repository; file paths below are relative to it. */
    public static final String SOURCE = "github.com/MrLinNing/MemristorLSM";

    /**
     * A linear probe: fixed reservoir, then a softmax read-out trained on the firing rates.
     *
     * @param dataSet the data set the seed ran it on
     * @param input the sensor, transforms and binning
     * @param reservoir the reservoir settings
     * @param training epochs, batch, learning rate, weight decay ({@code 0}: Adam, else AdamW)
     * @param reportedAccuracy the seed's published test accuracy, percent
     * @param script the seed's file these settings come from
     */
    public record LinearProbe(String dataSet, InputSpec input, ReservoirPreset reservoir, ProbeConfig training,
            double reportedAccuracy, String script) {

        /** {@code Adam} or {@code AdamW}, as the seed's script names its optimiser. */
        public String optimiser() {
            return training.optimiser();
        }

        /** This protocol read through another input spec (a preset's or {@code --input}'s). */
        public LinearProbe withInput(InputSpec newInput) {
            return new LinearProbe(dataSet, newInput, reservoir, training, reportedAccuracy, script);
        }
    }

    /**
     * A cross-modal contrastive zero-shot protocol: two fixed reservoirs, projection heads trained on pairs.
     *
     * @param pair the modalities, non-visual first
     * @param reservoirA reservoir of the non-visual side
     * @param reservoirB reservoir of the image side
     * @param epochs passes over the pairs
     * @param batchSize pairs per step (the seed's {@code --feature_batch})
     * @param learningRate step size
     * @param weightDecay {@code 0}: Adam
     * @param projectionDim embedding dimension ({@code --pd})
     * @param temperature {@code τ} ({@code --tp} / {@code --temperature})
     * @param loss the seed's objective
     * @param segments read-out segments: the seed reads whole-window firing rates, {@code 1}
     * @param standardise whether the heads see standardised features: the seed feeds raw rates, {@code false}
     * @param reportedInClass the seed's in-class top-1, non-visual → image, percent
     * @param reportedZeroShot the seed's zero-shot top-1, non-visual → image, percent
     * @param script the seed's file these settings come from
     */
    public record ContrastiveZeroShot(String pair, ReservoirPreset reservoirA, ReservoirPreset reservoirB, int epochs,
            int batchSize, double learningRate, double weightDecay, int projectionDim, double temperature,
            ContrastiveTrainer.LossKind loss, int segments, boolean standardise, double reportedInClass,
            double reportedZeroShot, String script) {

        public String optimiser() {
            return optimiserName(weightDecay);
        }
    }

    // LSM-NMNIST/lsm_sim_gaussian.py, argparse defaults (run_lsm_gau_sim.sh line 16 overrides only
    // --const 0.07 and --Vth 5.0): --epochs 100 (line 30), --lr 1e-4 (line 32), --ann_batch 100 (line 34),
    // the read-out's batch; --Tw 50 (line 44) bins, --input_size 16 (line 50) centre crop, and the script
    // feeds channel 0 of the two polarities. Optimiser: torch.optim.Adam(net2.parameters(), lr=options_lr).
    public static final int NMNIST_PROBE_EPOCHS = 100;
    public static final int NMNIST_PROBE_BATCH = 100;
    public static final double NMNIST_PROBE_LR = 1e-4;

    // LSM-NTIDIGITS/lsm_sim_gaussian.py: --epochs 600 (line 33, argparse default, not overridden);
    // run_lsm_gau_sim.sh lines 10-11 override --lr 0.0006 --ann_batch 256 --ts 129 --Tw 129
    // --Decay_lsm 0.97 --const 0.08 --Vth 5.3; --Dt 1 (line 51): a 1 ms grid cut into --ts chunks.
    // Optimiser: torch.optim.AdamW(net2.parameters(), lr=options_lr), so PyTorch's default weight decay 0.01.
    public static final int NTIDIGITS_PROBE_EPOCHS = 600;
    public static final int NTIDIGITS_PROBE_BATCH = 256;
    public static final double NTIDIGITS_PROBE_LR = 6e-4;
    public static final double NTIDIGITS_PROBE_WEIGHT_DECAY = 0.01;

    /** Read-out seed of the probes: not the seed's (it seeds PyTorch with 10); any fixed value will do. */
    private static final long PROBE_TRAINING_SEED = 42;

    /**
     * N-MNIST, 10 classes: the seed reports 89.11 % (LSM-NMNIST/run_lsm_gau_sim.sh line 15). Its read-out
     * ({@code Read_ANN}, in the unpublished models.py) is taken to be one linear layer, as DESIGN §5.4 says.
     */
    public static final LinearProbe NMNIST_PROBE = new LinearProbe("N-MNIST", InputSpec.visionProbe(),
            ReservoirPreset.VISION_PROBE,
            new ProbeConfig(NMNIST_PROBE_EPOCHS, NMNIST_PROBE_BATCH, NMNIST_PROBE_LR, 0.0, PROBE_TRAINING_SEED),
            89.11, "LSM-NMNIST/lsm_sim_gaussian.py");

    /** N-TIDIGITS single digits, 11 classes: the seed reports 70.79 % (DESIGN §5.5). */
    public static final LinearProbe NTIDIGITS_PROBE = new LinearProbe("N-TIDIGITS", InputSpec.audioProbe(),
            ReservoirPreset.AUDIO_PROBE,
            new ProbeConfig(NTIDIGITS_PROBE_EPOCHS, NTIDIGITS_PROBE_BATCH, NTIDIGITS_PROBE_LR,
                    NTIDIGITS_PROBE_WEIGHT_DECAY, PROBE_TRAINING_SEED),
            70.79, "LSM-NTIDIGITS/lsm_sim_gaussian.py");

    /**
     * Audio → image (N-TIDIGITS ↔ N-MNIST), train on 1-7, zero-shot 8-9. LSM-CLIP-ATV/run_zero_shot_sim_pd64.sh
     * lines 22-23 ("best acc for pd=64 1 to 7: 66.14% 8 and 9 acc is 88%"): --lr 0.001 --tp 1.0
     * --feature_batch 8 --pd 64 --epochs 100 --img_const 0.3 --aud_const 0.1; zero_shot_sim.py trains with
     * torch.optim.Adam, --models OneFC heads and the seed's soft-target loss (its models.py is not published,
     * so the heads' and the loss's exact form are not checked here; DESIGN §5.4 describes the loss).
     */
    public static final ContrastiveZeroShot AUDIO_VISION_CLIP = new ContrastiveZeroShot("audio-vision",
            ReservoirPreset.AUDIO_CLIP, ReservoirPreset.VISION_CLIP, 100, 8, 1e-3, 0.0, 64, 1.0,
            ContrastiveTrainer.LossKind.SEED_SOFT, 1, false, 66.1, 88.0, "LSM-CLIP-ATV/run_zero_shot_sim_pd64.sh");

    /**
     * Neural (192 electrodes) → image, 22 letters trained, 4 zero-shot. LSM-CLIP-BTV/
     * run_lsm_clip_one_layer_26class_sup.sh, the command under "Best Acc: In-Class: 52.27% Out-Class:
     * 70.83%": --epochs 100 --temperature 0.5 --pd 256 --feature_batch 1024 --models OneFC --act gelu
     * --eeg_const 0.0005 --emnist_const 0.0005; train_zero_shot_clip_enlarge_suploss.py: --lr 1e-3 (argparse
     * default), torch.optim.Adam, a supervised-contrastive loss (its module, models_suploss.py, is not
     * published, so the loss's exact form is not checked here), training set enlarged 10× (--enlarge_eeg_train).
     */
    public static final ContrastiveZeroShot NEURAL_IMAGE_SUPCON = new ContrastiveZeroShot("neural-vision",
            ReservoirPreset.NEURAL_BMI, ReservoirPreset.IMAGE_BMI, 100, 1024, 1e-3, 0.0, 256, 0.5,
            ContrastiveTrainer.LossKind.SUPCON, 1, false, 52.27, 70.83,
            "LSM-CLIP-BTV/run_lsm_clip_one_layer_26class_sup.sh");

    /**
     * The seed's LSM-ProtoNet baseline, audio ↔ image: a prototypical network whose linear projections
     * (200 → pd) are trained. LSM-CLIP-ATV/zero_shot_prototype.py: --epochs 100, --lr 1e-3, --batch 1568
     * (argparse defaults), torch.optim.Adam; run_prototype.sh, the command under "Best ACC: 8 and 9: 81.7%
     * 1~7 : 50.3%": --pd 64 --img_const 0.35 --aud_const 0.6 (reservoir scales of its own, not the CLIP
     * protocol's 0.3 / 0.1).
     *
     * @param reportedInClass the seed's in-class top-1, audio → image, percent
     * @param reportedZeroShot the seed's zero-shot top-1, audio → image, percent
     */
    public record PrototypicalNetwork(String pair, int epochs, int batchSize, double learningRate, int projectionDim,
            double imageScale, double audioScale, double reportedInClass, double reportedZeroShot, String script) {
    }

    public static final PrototypicalNetwork AUDIO_VISION_PROTONET = new PrototypicalNetwork("audio-vision", 100, 1568,
            1e-3, 64, 0.35, 0.6, 50.25, 81.69, "LSM-CLIP-ATV/zero_shot_prototype.py");

    private SeedProtocols() {
    }

    /**
     * The seed's contrastive zero-shot protocol for a pairing, by its non-visual modality.
     *
     * @throws IllegalArgumentException for a modality other than {@code audio} or {@code neural}
     */
    public static ContrastiveZeroShot zeroShot(String nonVisualModality) {
        return switch (nonVisualModality) {
            case "audio" -> AUDIO_VISION_CLIP;
            case "neural" -> NEURAL_IMAGE_SUPCON;
            default -> throw new IllegalArgumentException("the seed pairs vision with audio or neural, found '"
                    + nonVisualModality + "'");
        };
    }

    /** The seed's linear probe of the vision (N-MNIST) or the audio (N-TIDIGITS) data. */
    public static LinearProbe probe(boolean vision) {
        return vision ? NMNIST_PROBE : NTIDIGITS_PROBE;
    }

    static String optimiserName(double weightDecay) {
        return weightDecay > 0 ? "AdamW" : "Adam";
    }
}
