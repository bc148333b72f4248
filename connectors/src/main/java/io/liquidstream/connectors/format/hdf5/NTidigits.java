package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The N-TIDIGITS HDF5 file: spoken digits recorded by a 64-channel silicon cochlea.
 *
 * <p>Per split ({@code train}, {@code test}) the file holds {@code <split>_labels}, the sample keys as
 * strings such as {@code man-ae-1} or {@code woman-bc-z4o}, and the groups {@code <split>_addresses} and
 * {@code <split>_timestamps} with one dataset per key: cochlea channel per event and event time in
 * seconds. The last {@code -}-separated field of a key is the spoken digit sequence; a sample is a
 * single digit when that field has exactly one character (the convention of the published loaders).
 *
 * <p>Labels: {@code z} (zero) = 0, {@code 1}..{@code 9} = 1..9, {@code o} (oh) = 10, and
 * {@link #SEQUENCE} (-1) for multi-digit sequences. Events are returned in time order with
 * {@code x} = channel.
 */
public final class NTidigits {

    public static final int CHANNELS = 64;
    public static final SensorGeometry GEOMETRY = SensorGeometry.channels(CHANNELS);
    /** Label of a sample that speaks more than one digit. */
    public static final int SEQUENCE = -1;
    public static final Set<String> SPLITS = Set.of("train", "test");

    private NTidigits() {
    }

    /**
     * Reads one split in the file's order of {@code <split>_labels}, sample id = key.
     *
     * @param singleDigitsOnly keep only samples that speak one digit (labels 0..10)
     * @throws EventFormatException naming the dataset when one is missing or malformed
     */
    public static List<LabeledSample> read(Path file, String split, boolean singleDigitsOnly) throws IOException {
        requireSplit(split);
        List<LabeledSample> samples = new ArrayList<>();
        try (HdfFile hdf = Hdf5Io.open(file)) {
            String labelsPath = split + "_labels";
            String[] keys = Hdf5Io.strings(Hdf5Io.dataset(hdf, file, labelsPath,
                    "a string dataset of sample keys such as 'man-ae-1' (N-TIDIGITS layout)"), file);
            String addressesPath = split + "_addresses";
            String timestampsPath = split + "_timestamps";
            Map<String, Node> addresses = Hdf5Io.group(hdf, file, addressesPath,
                    "a group with one channel dataset per key").getChildren();
            Map<String, Node> timestamps = Hdf5Io.group(hdf, file, timestampsPath,
                    "a group with one time dataset per key").getChildren();
            for (String key : keys) {
                String digits = key.substring(key.lastIndexOf('-') + 1);
                if (singleDigitsOnly && digits.length() != 1) {
                    continue;
                }
                int label = digits.length() == 1 ? digitLabel(digits.charAt(0), file, labelsPath, key) : SEQUENCE;
                String timesPath = timestampsPath + "/" + key;
                String channelsPath = addressesPath + "/" + key;
                double[] seconds = Hdf5Io.doubles(Hdf5Io.member(timestamps, file, timestampsPath, key,
                        "event times in seconds for sample '" + key + "'"), file);
                long[] channels = Hdf5Io.longs(Hdf5Io.member(addresses, file, addressesPath, key,
                        "event channels for sample '" + key + "'"), file);
                Events events = Hdf5Io.channelEvents(GEOMETRY, seconds, channels, file, timesPath, channelsPath);
                samples.add(new LabeledSample(key, label, events));
            }
        }
        return samples;
    }

    /** The label of a spoken digit name: z = 0, 1..9, o = 10, anything longer = {@link #SEQUENCE}. */
    public static int label(String digits) {
        if (digits.length() != 1) {
            return SEQUENCE;
        }
        int label = labelOrMinusTwo(digits.charAt(0));
        if (label < 0) {
            throw new IllegalArgumentException("'" + digits + "' is not a digit name; expected z, o or 1..9");
        }
        return label;
    }

    /** The digit name of a label 0..10: z, 1..9, o; the inverse of {@link #label}. */
    public static String digitName(int label) {
        if (label == 0) {
            return "z";
        }
        if (label == 10) {
            return "o";
        }
        if (label >= 1 && label <= 9) {
            return Integer.toString(label);
        }
        throw new IllegalArgumentException("N-TIDIGITS single-digit labels are 0..10, found " + label);
    }

    /**
     * Writes both splits in the N-TIDIGITS layout. Each sample is stored under the key
     * {@code <id>-<labelName>}, or {@code <id>} when the id already ends in {@code -<labelName>}; times
     * as float64 seconds, channels as int32.
     *
     * @param labelName the spoken digit sequence of a sample, e.g. {@code s -> NTidigits.digitName(s.label())}
     * @throws IllegalArgumentException if a key repeats or contains {@code /}, or an event does not fit
     *     64 channels
     */
    public static void write(Path file, List<LabeledSample> train, List<LabeledSample> test,
            Function<LabeledSample, String> labelName) throws IOException {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            writeSplit(hdf, "train", train, labelName);
            writeSplit(hdf, "test", test, labelName);
        }
    }

    private static void writeSplit(WritableHdfFile hdf, String split, List<LabeledSample> samples,
            Function<LabeledSample, String> labelName) {
        WritableGroup addresses = hdf.putGroup(split + "_addresses");
        WritableGroup timestamps = hdf.putGroup(split + "_timestamps");
        String[] keys = new String[samples.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            LabeledSample sample = samples.get(i);
            String key = key(sample.id(), labelName.apply(sample));
            if (!seen.add(key)) {
                throw new IllegalArgumentException("two " + split + " samples share the key '" + key + "'");
            }
            keys[i] = key;
            Hdf5Io.put(addresses, key, Hdf5Io.channels(sample.events(), CHANNELS, sample.id()));
            Hdf5Io.put(timestamps, key, Hdf5Io.seconds(sample.events()));
        }
        Hdf5Io.put(hdf, split + "_labels", keys);
    }

    private static String key(String id, String labelName) {
        String key = id.endsWith("-" + labelName) ? id : id + "-" + labelName;
        if (key.contains("/") || key.isBlank() || labelName.isEmpty() || labelName.contains("-")) {
            throw new IllegalArgumentException("sample key '" + key + "' (from id '" + id + "' and label name '"
                    + labelName + "') must be non-blank without '/', its label name non-empty without '-'");
        }
        return key;
    }

    private static int digitLabel(char digit, Path file, String labelsPath, String key) throws EventFormatException {
        int label = labelOrMinusTwo(digit);
        if (label < 0) {
            throw EventFormatException.inDataset(file, labelsPath, "key '" + key + "' ends in '" + digit
                    + "'; expected a digit name z, o or 1..9 after the last '-'");
        }
        return label;
    }

    private static int labelOrMinusTwo(char digit) {
        if (digit == 'z') {
            return 0;
        }
        if (digit == 'o') {
            return 10;
        }
        return digit >= '1' && digit <= '9' ? digit - '0' : -2;
    }

    private static void requireSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("N-TIDIGITS split must be train or test, found '" + split + "'");
        }
    }
}
