package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.liquidstream.connectors.format.EventFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Continuous targets per trial and time bin (e.g. pen velocity), in an HDF5 file beside a recording's
 * spikes: trial {@code i} here belongs to sample {@code i} of the recording, bin {@code b} covers
 * {@code [b · bin_us, (b + 1) · bin_us)} µs of its clock. Datasets:
 * <ul>
 *   <li>{@code targets/names} — string, one per target (e.g. {@code vx}, {@code vy});</li>
 *   <li>{@code targets/bin_us} — int64, one value: the bin duration;</li>
 *   <li>{@code targets/values} — float32, every trial's bins concatenated, each bin's targets in the
 *       order of the names (bin-major);</li>
 *   <li>{@code targets/offsets} — int64, trials + 1 entries: trial {@code i} spans bins
 *       {@code [offsets[i], offsets[i+1])};</li>
 *   <li>{@code labels} — int32, the class of each trial (as in the recording, to check they line up).</li>
 * </ul>
 *
 * @param trials {@code trials.get(i)[bin][target]}
 */
public record TrialTargets(List<String> names, long binMicros, List<float[][]> trials, int[] labels) {

    /** A recording {@code <split>.h5}'s pen velocity is {@code <split>}{@value} beside it. */
    public static final String VELOCITY_SUFFIX = "-velocity.h5";

    static final String NAMES = "targets/names";
    static final String BIN = "targets/bin_us";
    static final String VALUES = "targets/values";
    static final String OFFSETS = "targets/offsets";
    static final String LABELS = "labels";

    public TrialTargets {
        names = List.copyOf(names);
        trials = List.copyOf(trials);
        if (names.isEmpty() || binMicros <= 0 || labels.length != trials.size()) {
            throw new IllegalArgumentException("expected target names, a positive bin and one label per trial, found "
                    + names + ", " + binMicros + " us, " + labels.length + " labels for " + trials.size() + " trials");
        }
        for (int i = 0; i < trials.size(); i++) {
            for (float[] bin : trials.get(i)) {
                if (bin.length != names.size()) {
                    throw new IllegalArgumentException("trial " + i + " has a bin of " + bin.length
                            + " targets, expected " + names.size() + " " + names);
                }
            }
        }
    }

    /** Writes the layout of the class comment. */
    public void write(Path file) throws IOException {
        long[] offsets = new long[trials.size() + 1];
        for (int i = 0; i < trials.size(); i++) {
            offsets[i + 1] = offsets[i] + trials.get(i).length;
        }
        int q = names.size();
        float[] values = new float[Math.toIntExact(offsets[trials.size()] * q)];
        for (int i = 0; i < trials.size(); i++) {
            float[][] t = trials.get(i);
            for (int b = 0; b < t.length; b++) {
                System.arraycopy(t[b], 0, values, (int) (offsets[i] + b) * q, q);
            }
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup group = hdf.putGroup("targets");
            Hdf5Io.put(group, "names", names.toArray(new String[0]));
            Hdf5Io.put(group, "bin_us", new long[] {binMicros});
            Hdf5Io.put(group, "values", values);
            Hdf5Io.put(group, "offsets", offsets);
            Hdf5Io.put(hdf, LABELS, labels);
        }
    }

    /**
     * Reads the layout of the class comment.
     *
     * @throws EventFormatException naming the dataset when one is missing or inconsistent
     */
    public static TrialTargets read(Path file) throws IOException {
        try (HdfFile hdf = Hdf5Io.open(file)) {
            List<String> names = Arrays.asList(Hdf5Io.strings(Hdf5Io.dataset(hdf, file, NAMES, "target names"), file));
            long[] bin = Hdf5Io.longs(Hdf5Io.dataset(hdf, file, BIN, "the bin duration in us"), file);
            double[] values = Hdf5Io.doubles(Hdf5Io.dataset(hdf, file, VALUES, "targets per bin"), file);
            long[] offsets = Hdf5Io.longs(Hdf5Io.dataset(hdf, file, OFFSETS, "trial offsets in bins"), file);
            long[] labels = Hdf5Io.longs(Hdf5Io.dataset(hdf, file, LABELS, "one label per trial"), file);
            if (bin.length != 1 || bin[0] <= 0) {
                throw EventFormatException.inDataset(file, BIN, "holds " + Arrays.toString(bin)
                        + "; expected one positive bin duration");
            }
            int q = names.size();
            if (offsets.length != labels.length + 1 || offsets[0] != 0
                    || offsets[labels.length] * q != values.length) {
                throw EventFormatException.inDataset(file, OFFSETS, "has " + offsets.length + " entries ending at "
                        + offsets[offsets.length - 1] + "; expected " + (labels.length + 1) + " from 0 to "
                        + values.length / Math.max(1, q) + " bins (" + values.length + " values of " + q + " targets)");
            }
            List<float[][]> trials = new ArrayList<>(labels.length);
            int[] classes = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                if (offsets[i + 1] < offsets[i]) {
                    throw EventFormatException.inDataset(file, OFFSETS, "decreases at element " + (i + 1));
                }
                float[][] t = new float[(int) (offsets[i + 1] - offsets[i])][q];
                for (int b = 0; b < t.length; b++) {
                    for (int k = 0; k < q; k++) {
                        t[b][k] = (float) values[(int) ((offsets[i] + b) * q + k)];
                    }
                }
                trials.add(t);
                classes[i] = (int) labels[i];
            }
            return new TrialTargets(names, bin[0], trials, classes);
        }
    }
}
