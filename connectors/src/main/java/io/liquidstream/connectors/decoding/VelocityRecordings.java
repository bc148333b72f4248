package io.liquidstream.connectors.decoding;

import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.format.hdf5.TrialTargets;
import io.liquidstream.core.evaluation.DecodingTrial;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Neural recordings with their continuous targets, as {@code dataset strokes} writes them: the spikes of
 * split {@code S} in {@code DIR/S.h5} (SHD layout) and the pen velocity per 10 ms bin of each trial
 * beside it in {@code DIR/S-velocity.h5} ({@link TrialTargets}).
 */
public final class VelocityRecordings {

    private VelocityRecordings() {
    }

    /** Whether {@code dir} holds the velocity of {@code split}. */
    public static boolean present(Path dir, String split) {
        return Files.isRegularFile(dir.resolve(split + TrialTargets.VELOCITY_SUFFIX));
    }

    /** The targets' names (e.g. {@code vx, vy}) of the split. */
    public static List<String> names(Path dir, String split) throws IOException {
        return TrialTargets.read(targetsFile(dir, split)).names();
    }

    /**
     * The split's trials, the first {@code perClass} of each class in file order (all when 0).
     *
     * @throws IllegalArgumentException if a file is missing, or the two files disagree on the trials
     */
    public static List<DecodingTrial> read(Path dir, String split, int channels, int perClass) throws IOException {
        Path spikesFile = dir.resolve(split + ".h5");
        if (!Files.isRegularFile(spikesFile)) {
            throw new IllegalArgumentException("expected the recording " + spikesFile + " (SHD layout)");
        }
        Path targetsFile = targetsFile(dir, split);
        List<LabeledSample> spikes = SpikingHeidelbergDigits.read(spikesFile, channels);
        TrialTargets targets = TrialTargets.read(targetsFile);
        if (targets.trials().size() != spikes.size()) {
            throw new IllegalArgumentException(targetsFile + " holds " + targets.trials().size() + " trials but "
                    + spikesFile + " holds " + spikes.size());
        }
        List<DecodingTrial> out = new ArrayList<>();
        Map<Integer, Integer> taken = new HashMap<>();
        for (int i = 0; i < spikes.size(); i++) {
            LabeledSample s = spikes.get(i);
            if (targets.labels()[i] != s.label()) {
                throw new IllegalArgumentException("trial " + i + " is labelled " + targets.labels()[i] + " in "
                        + targetsFile + " but " + s.label() + " in " + spikesFile);
            }
            int n = taken.merge(s.label(), 1, Integer::sum);
            if (perClass == 0 || n <= perClass) {
                out.add(new DecodingTrial(s.id(), s.label(), s.events(), targets.trials().get(i), targets.binMicros()));
            }
        }
        return out;
    }

    private static Path targetsFile(Path dir, String split) {
        Path f = dir.resolve(split + TrialTargets.VELOCITY_SUFFIX);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("expected the pen velocity of the " + split + " trials in " + f
                    + " (written by liquidstream dataset strokes)");
        }
        return f;
    }
}
