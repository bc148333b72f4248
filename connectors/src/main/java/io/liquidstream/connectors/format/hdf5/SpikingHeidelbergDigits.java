package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableGroup;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Spiking Heidelberg Digits (SHD) HDF5 file: spoken digits as spikes of a 700-channel cochlea model.
 *
 * <p>Two layouts are read, told apart by their datasets:
 * <ul>
 *   <li><b>SHD</b> (the published files): {@code spikes/times} and {@code spikes/units} are
 *       variable-length datasets with one row per sample (seconds, channel numbers), {@code labels}
 *       one class per sample;</li>
 *   <li><b>flattened</b> (what {@link #write} produces, because jhdf cannot write variable-length
 *       data): {@code spikes/times} and {@code spikes/units} are the samples' rows concatenated,
 *       {@code spikes/offsets} (int64, samples + 1 entries) marks where sample {@code i} spans
 *       {@code [offsets[i], offsets[i+1])}, and {@code labels} as above.</li>
 * </ul>
 * Sample ids are {@code <file name>/<row>}; events are in time order with {@code x} = channel.
 */
public final class SpikingHeidelbergDigits {

    /** Channels of the published data set. */
    public static final int CHANNELS = 700;

    static final String TIMES = "spikes/times";
    static final String UNITS = "spikes/units";
    static final String OFFSETS = "spikes/offsets";
    static final String LABELS = "labels";

    private SpikingHeidelbergDigits() {
    }

    /**
     * Reads all samples of either layout.
     *
     * @param channels the channel count; a unit outside {@code 0..channels-1} is a format error
     * @throws EventFormatException naming the dataset when one is missing, malformed or inconsistent
     */
    public static List<LabeledSample> read(Path file, int channels) throws IOException {
        SensorGeometry geometry = SensorGeometry.channels(channels);
        try (HdfFile hdf = Hdf5Io.open(file)) {
            Hdf5Io.group(hdf, file, "spikes", "a group holding 'times' and 'units' (SHD layout)");
            Dataset times = Hdf5Io.dataset(hdf, file, TIMES, "spike times in seconds, one row per sample");
            Dataset units = Hdf5Io.dataset(hdf, file, UNITS, "spike channels, one row per sample");
            long[] labels = Hdf5Io.longs(Hdf5Io.dataset(hdf, file, LABELS, "one class label per sample"), file);
            String name = file.getFileName().toString();
            return times.isVariableLength()
                    ? readRows(file, geometry, times, units, labels, name)
                    : readFlattened(hdf, file, geometry, times, units, labels, name);
        }
    }

    private static List<LabeledSample> readRows(Path file, SensorGeometry geometry, Dataset times, Dataset units,
            long[] labels, String name) throws EventFormatException {
        Object[] timeRows = rows(times, file);
        Object[] unitRows = rows(units, file);
        requireCount(file, TIMES, timeRows.length, labels.length);
        requireCount(file, UNITS, unitRows.length, labels.length);
        List<LabeledSample> samples = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            String timesRow = TIMES + "[" + i + "]";
            String unitsRow = UNITS + "[" + i + "]";
            Events events = Hdf5Io.channelEvents(geometry, Hdf5Io.doubles(timeRows[i], file, timesRow),
                    Hdf5Io.longs(unitRows[i], file, unitsRow), file, timesRow, unitsRow);
            samples.add(new LabeledSample(name + "/" + i, (int) labels[i], events));
        }
        return samples;
    }

    private static Object[] rows(Dataset dataset, Path file) throws EventFormatException {
        Object data = Hdf5Io.data(dataset, file);
        if (!(data instanceof Object[] rows) || !dataset.isVariableLength()) {
            throw EventFormatException.inDataset(file, dataset.getPath(),
                    "expected a variable-length dataset with one row per sample");
        }
        return rows;
    }

    private static List<LabeledSample> readFlattened(HdfFile hdf, Path file, SensorGeometry geometry,
            Dataset timesDataset, Dataset unitsDataset, long[] labels, String name) throws EventFormatException {
        if (Hdf5Io.find(hdf, OFFSETS) == null) {
            throw EventFormatException.inDataset(file, OFFSETS, "missing; '" + TIMES + "' is not variable-length,"
                    + " so expected the flattened layout with sample offsets (int64, samples + 1 entries)");
        }
        long[] offsets = Hdf5Io.longs(Hdf5Io.dataset(hdf, file, OFFSETS, "sample offsets"), file);
        double[] times = Hdf5Io.doubles(timesDataset, file);
        long[] units = Hdf5Io.longs(unitsDataset, file);
        requireCount(file, OFFSETS, offsets.length, labels.length + 1);
        for (int i = 0; i < offsets.length; i++) {
            long previous = i == 0 ? 0 : offsets[i - 1];
            if (offsets[i] < previous || offsets[i] > times.length || offsets[i] > units.length
                    || (i == 0 && offsets[0] != 0)) {
                throw EventFormatException.inDataset(file, OFFSETS, "element " + i + " is " + offsets[i]
                        + "; expected offsets starting at 0, non-decreasing, within the " + times.length
                        + " times and " + units.length + " units");
            }
        }
        List<LabeledSample> samples = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            int from = (int) offsets[i];
            int to = (int) offsets[i + 1];
            double[] seconds = Arrays.copyOfRange(times, from, to);
            long[] channels = Arrays.copyOfRange(units, from, to);
            String where = "[" + from + ".." + to + ") of sample " + i;
            Events events = Hdf5Io.channelEvents(geometry, seconds, channels, file, TIMES + where, UNITS + where);
            samples.add(new LabeledSample(name + "/" + i, (int) labels[i], events));
        }
        return samples;
    }

    private static void requireCount(Path file, String path, int found, int expected) throws EventFormatException {
        if (found != expected) {
            throw EventFormatException.inDataset(file, path, "has " + found + " entries; expected " + expected
                    + " to match the " + LABELS + " dataset");
        }
    }

    /**
     * Writes the samples in the flattened layout (see the class comment): times as float64 seconds,
     * units as int32, offsets as int64, labels as int32.
     *
     * @throws IllegalArgumentException if an event's channel lies outside {@code 0..channels-1}
     */
    public static void write(Path file, List<LabeledSample> samples, int channels) throws IOException {
        long[] offsets = new long[samples.size() + 1];
        int[] labels = new int[samples.size()];
        for (int i = 0; i < labels.length; i++) {
            offsets[i + 1] = offsets[i] + samples.get(i).events().size();
            labels[i] = samples.get(i).label();
        }
        if (offsets[labels.length] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many events for one flattened file: " + offsets[labels.length]);
        }
        double[] times = new double[(int) offsets[labels.length]];
        int[] units = new int[times.length];
        for (int i = 0; i < labels.length; i++) {
            LabeledSample sample = samples.get(i);
            System.arraycopy(Hdf5Io.seconds(sample.events()), 0, times, (int) offsets[i], sample.events().size());
            System.arraycopy(Hdf5Io.channels(sample.events(), channels, sample.id()), 0, units, (int) offsets[i],
                    sample.events().size());
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup spikes = hdf.putGroup("spikes");
            Hdf5Io.put(spikes, "times", times);
            Hdf5Io.put(spikes, "units", units);
            Hdf5Io.put(spikes, "offsets", offsets);
            Hdf5Io.put(hdf, LABELS, labels);
        }
    }
}
