package io.liquidstream.connectors.decoding;

import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.evaluation.ContinuousDecoding;
import io.liquidstream.core.evaluation.DecodingTrial;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.LifReservoir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits a bundle's regression read-out (decoder) from recordings with continuous targets
 * ({@link VelocityRecordings}): the modality's own input spec and reservoir, carried bin by bin through
 * each training trial as the service runs it, the read-out window and ridge penalty chosen on a fifth of
 * the training trials ({@link ContinuousDecoding#fitReadout}). Only training trials are read.
 */
public final class DecoderTraining {

    private DecoderTraining() {
    }

    /**
     * The bundle with a decoder for {@code modality} fitted on the first {@code perClass} training trials of
     * each class in {@code dir}, and metadata naming the data, targets, window, penalty and validation R².
     */
    public static ModelBundle fit(ModelBundle bundle, String modality, Path dir, int perClass,
            Consumer<String> progress) throws IOException {
        ModalityModel model = bundle.modality(modality);
        List<DecodingTrial> train = VelocityRecordings.read(dir, "train", model.input().inputs(), perClass);
        List<String> names = VelocityRecordings.names(dir, "train");
        LifReservoir reservoir = new LifReservoir(model.reservoir(), model.weights().toWeightSource());
        ContinuousDecoding.FittedReadout fitted = ContinuousDecoding.fitReadout(train, model.input(), reservoir, names,
                ContinuousDecoding.Settings.defaults(), progress);
        LinearReadout d = fitted.readout();
        Map<String, String> meta = new LinkedHashMap<>(bundle.metadata());
        meta.put("decoder." + modality + ".data", dir + " (" + train.size() + " training trials)");
        meta.put("decoder." + modality + ".targets", String.join(",", d.names()));
        meta.put("decoder." + modality + ".bins", d.bins() + " x " + d.binMicros() + " us");
        meta.put("decoder." + modality + ".penalty", Double.toString(fitted.penalty()));
        for (int k = 0; k < d.outputs(); k++) {
            meta.put("decoder." + modality + ".validationR2." + d.names().get(k),
                    String.format(java.util.Locale.ROOT, "%.4f", fitted.validation().r2()[k]));
        }
        ModelBundle withDecoder = bundle.withDecoder(modality, d);
        return new ModelBundle(withDecoder.modalities(), withDecoder.temperature(), withDecoder.anchors(), meta,
                withDecoder.openSet().orElse(null));
    }
}
