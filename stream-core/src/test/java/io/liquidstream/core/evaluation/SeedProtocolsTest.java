package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import org.junit.jupiter.api.Test;

/**
 * Pins every protocol's defaults to the seed's own values, read from the seed's code
 * (github.com/MrLinNing/MemristorLSM); each test names the files. The expected values are written out
 * here, not taken from {@link SeedProtocols}, so a changed default fails until it is justified.
 */
class SeedProtocolsTest {

    @Test
    void givenTheNmnistProbe_settingsAreTheSeeds() {
        // LSM-NMNIST/lsm_sim_gaussian.py argparse: --epochs 100, --lr 1e-4, --ann_batch 100, torch.optim.Adam;
        // --Tw 50 bins of a 16x16 centre crop, one polarity; run_lsm_gau_sim.sh: --const 0.07 --Vth 5.0.
        SeedProtocols.LinearProbe p = SeedProtocols.NMNIST_PROBE;
        ProbeConfig t = p.training();
        assertThat(t.epochs()).isEqualTo(100);
        assertThat(t.batchSize()).isEqualTo(100);
        assertThat(t.learningRate()).isEqualTo(1e-4);
        assertThat(t.weightDecay()).isZero();
        assertThat(p.optimiser()).isEqualTo("Adam");
        assertThat(p.input().describe()).isEqualTo("vision-probe=sensor(34,34,2)|crop(16,16)|polarity(1)|fixed(50)");
        assertReservoir(p.reservoir(), 256, 200, 50, 0.9, 5.0, 0.07);
        assertThat(p.reportedAccuracy()).isEqualTo(89.11);
    }

    @Test
    void givenTheNtidigitsProbe_settingsAreTheSeeds() {
        // LSM-NTIDIGITS/lsm_sim_gaussian.py: --epochs 600 (argparse default), torch.optim.AdamW (PyTorch's
        // default weight decay 0.01), --Dt 1 ms grid; run_lsm_gau_sim.sh: --lr 0.0006 --ann_batch 256
        // --ts 129 --Tw 129 --Decay_lsm 0.97 --const 0.08 --Vth 5.3, 200 neurons.
        SeedProtocols.LinearProbe p = SeedProtocols.NTIDIGITS_PROBE;
        ProbeConfig t = p.training();
        assertThat(t.epochs()).isEqualTo(600);
        assertThat(t.batchSize()).isEqualTo(256);
        assertThat(t.learningRate()).isEqualTo(6e-4);
        assertThat(t.weightDecay()).isEqualTo(0.01);
        assertThat(p.optimiser()).isEqualTo("AdamW");
        assertThat(p.input().describe()).isEqualTo("audio-probe=sensor(64,1,1)|grid(129,1000)");
        assertReservoir(p.reservoir(), 64, 200, 129, 0.97, 5.3, 0.08);
    }

    @Test
    void givenTheProbeLookup_visionIsNmnistAndAudioIsNtidigits() {
        assertThat(SeedProtocols.probe(true)).isSameAs(SeedProtocols.NMNIST_PROBE);
        assertThat(SeedProtocols.probe(false)).isSameAs(SeedProtocols.NTIDIGITS_PROBE);
    }

    @Test
    void givenTheAudioVisionClipProtocol_settingsAreTheSeeds() {
        // LSM-CLIP-ATV/run_zero_shot_sim_pd64.sh: --lr 0.001 --tp 1.0 --feature_batch 8 --pd 64 --epochs 100
        // --img_const 0.3 --aud_const 0.1; zero_shot_sim.py: torch.optim.Adam, 200 neurons, Tw 50 / 129.
        SeedProtocols.ContrastiveZeroShot p = SeedProtocols.AUDIO_VISION_CLIP;
        assertThat(p.epochs()).isEqualTo(100);
        assertThat(p.batchSize()).isEqualTo(8);
        assertThat(p.learningRate()).isEqualTo(1e-3);
        assertThat(p.optimiser()).isEqualTo("Adam");
        assertThat(p.projectionDim()).isEqualTo(64);
        assertThat(p.temperature()).isEqualTo(1.0);
        assertThat(p.loss()).isEqualTo(ContrastiveTrainer.LossKind.SEED_SOFT);
        assertThat(p.segments()).isEqualTo(1);
        assertThat(p.standardise()).isFalse();
        assertReservoir(p.reservoirA(), 64, 200, 129, 0.97, 5.3, 0.1);
        assertReservoir(p.reservoirB(), 256, 200, 50, 0.9, 5.0, 0.3);
        assertThat(SeedProtocols.zeroShot("audio")).isSameAs(p);
    }

    @Test
    void givenTheNeuralImageProtocol_settingsAreTheSeeds() {
        // LSM-CLIP-BTV/run_lsm_clip_one_layer_26class_sup.sh, the 52.27 / 70.83 % command: --epochs 100
        // --temperature 0.5 --pd 256 --feature_batch 1024 --eeg_const 0.0005 --emnist_const 0.0005;
        // train_zero_shot_clip_enlarge_suploss.py: --lr 1e-3, torch.optim.Adam, decay 0.95, Vth 0.1,
        // windows 201 / 50, 2048 neurons, supervised-contrastive loss.
        SeedProtocols.ContrastiveZeroShot p = SeedProtocols.NEURAL_IMAGE_SUPCON;
        assertThat(p.epochs()).isEqualTo(100);
        assertThat(p.batchSize()).isEqualTo(1024);
        assertThat(p.learningRate()).isEqualTo(1e-3);
        assertThat(p.optimiser()).isEqualTo("Adam");
        assertThat(p.projectionDim()).isEqualTo(256);
        assertThat(p.temperature()).isEqualTo(0.5);
        assertThat(p.loss()).isEqualTo(ContrastiveTrainer.LossKind.SUPCON);
        assertReservoir(p.reservoirA(), 192, 2048, 201, 0.95, 0.1, 0.0005);
        assertReservoir(p.reservoirB(), 784, 2048, 50, 0.95, 0.1, 0.0005);
        assertThat(SeedProtocols.zeroShot("neural")).isSameAs(p);
    }

    @Test
    void givenTheAudioVisionProtoNet_settingsAreTheSeeds() {
        // LSM-CLIP-ATV/zero_shot_prototype.py: --epochs 100 --lr 1e-3 --batch 1568, torch.optim.Adam;
        // run_prototype.sh, the 50.3 / 81.7 % command: --pd 64 --img_const 0.35 --aud_const 0.6.
        SeedProtocols.PrototypicalNetwork p = SeedProtocols.AUDIO_VISION_PROTONET;
        assertThat(p.epochs()).isEqualTo(100);
        assertThat(p.batchSize()).isEqualTo(1568);
        assertThat(p.learningRate()).isEqualTo(1e-3);
        assertThat(p.projectionDim()).isEqualTo(64);
        assertThat(p.imageScale()).isEqualTo(0.35);
        assertThat(p.audioScale()).isEqualTo(0.6);
    }

    @Test
    void givenAModalityTheSeedNeverPaired_lookupSaysWhatItExpected() {
        assertThatThrownBy(() -> SeedProtocols.zeroShot("vision"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audio or neural, found 'vision'");
    }

    private static void assertReservoir(ReservoirPreset preset, int inputs, int neurons, int bins, double decay,
            double threshold, double scale) {
        ReservoirSpec s = preset.spec(1);
        assertThat(new Object[] {s.inputs(), s.neurons(), s.bins(), s.decay(), s.threshold(), s.scale()})
                .as("%s: inputs, neurons, bins, decay, Vth, const", preset)
                .containsExactly(inputs, neurons, bins, decay, threshold, scale);
    }
}
