package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What the HDF5 data set readers and writers share: locating datasets with errors that name what was
 * expected, turning any numeric dataset into primitive columns, and working round jhdf's writer.
 *
 * <p>jhdf (0.9) cannot write zero-length datasets. An empty array is therefore written as one padding
 * element with the attribute {@value #VALID_LENGTH} {@code = 0}; readers here honour that attribute, so
 * empty samples and empty splits survive a round trip.
 */
final class Hdf5Io {

    static final String VALID_LENGTH = "valid_length";

    private Hdf5Io() {
    }

    static HdfFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "expected an HDF5 file");
        }
        try {
            return new HdfFile(file);
        } catch (HdfException e) {
            throw EventFormatException.inDataset(file, "/", "not a readable HDF5 file (" + e.getMessage() + ")");
        }
    }

    /** The node at {@code path}, or null; never throws for a missing link. */
    static Node find(Group root, String path) {
        Node node = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group group) || !group.getChildren().containsKey(part)) {
                return null;
            }
            node = group.getChild(part);
        }
        return node;
    }

    static Dataset dataset(HdfFile hdf, Path file, String path, String expected) throws EventFormatException {
        Node node = find(hdf, path);
        if (node == null) {
            throw EventFormatException.inDataset(file, path, "missing; expected " + expected + available(hdf));
        }
        if (!(node instanceof Dataset dataset)) {
            throw EventFormatException.inDataset(file, path, "is a " + node.getType() + "; expected " + expected);
        }
        return dataset;
    }

    /** A dataset among a group's already listed children (listing once is much faster in jhdf). */
    static Dataset member(Map<String, Node> children, Path file, String groupPath, String name, String expected)
            throws EventFormatException {
        Node node = children.get(name);
        if (!(node instanceof Dataset dataset)) {
            throw EventFormatException.inDataset(file, groupPath + "/" + name,
                    (node == null ? "missing" : "is a " + node.getType()) + "; expected " + expected);
        }
        return dataset;
    }

    static Group group(HdfFile hdf, Path file, String path, String expected) throws EventFormatException {
        Node node = find(hdf, path);
        if (!(node instanceof Group group)) {
            throw EventFormatException.inDataset(file, path,
                    (node == null ? "missing" : "is a " + node.getType()) + "; expected " + expected + available(hdf));
        }
        return group;
    }

    private static String available(HdfFile hdf) {
        return " (the file's top level holds " + hdf.getChildren().keySet() + ")";
    }

    /** The dataset's values as longs, trimmed to its valid length; floats must be whole numbers. */
    static long[] longs(Dataset dataset, Path file) throws EventFormatException {
        return longs(data(dataset, file), file, dataset.getPath());
    }

    static long[] longs(Object array, Path file, String path) throws EventFormatException {
        if (array instanceof long[] l) {
            return l;
        }
        double[] values = doubles(array, file, path);
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (long) values[i];
            if (result[i] != values[i]) {
                throw EventFormatException.inDataset(file, path, "element " + i + " is " + values[i]
                        + "; expected a whole number");
            }
        }
        return result;
    }

    static double[] doubles(Dataset dataset, Path file) throws EventFormatException {
        return doubles(data(dataset, file), file, dataset.getPath());
    }

    /** Widens any one-dimensional numeric array (as jhdf returns them) to doubles. */
    static double[] doubles(Object array, Path file, String path) throws EventFormatException {
        Class<?> element = array == null ? null : array.getClass().getComponentType();
        if (element == null || element == boolean.class || element == char.class
                || !(element.isPrimitive() || Number.class.isAssignableFrom(element))) {
            throw EventFormatException.inDataset(file, path, "holds " + describe(array)
                    + "; expected a one-dimensional numeric array");
        }
        if (array instanceof double[] d) {
            return d;
        }
        double[] result = new double[Array.getLength(array)];
        for (int i = 0; i < result.length; i++) {
            // Array.get boxes a primitive element as its wrapper, a Number, so one widening serves every type.
            result[i] = ((Number) Array.get(array, i)).doubleValue();
        }
        return result;
    }

    static String[] strings(Dataset dataset, Path file) throws EventFormatException {
        Object data = data(dataset, file);
        if (!(data instanceof String[] strings)) {
            throw EventFormatException.inDataset(file, dataset.getPath(), "holds " + describe(data)
                    + "; expected a one-dimensional array of strings");
        }
        return strings;
    }

    /** The data of a one-dimensional dataset, cut to the {@value #VALID_LENGTH} attribute when present. */
    static Object data(Dataset dataset, Path file) throws EventFormatException {
        Object data;
        try {
            data = dataset.getData();
        } catch (HdfException e) {
            throw EventFormatException.inDataset(file, dataset.getPath(), "unreadable (" + e.getMessage() + ")");
        }
        if (dataset.getDimensions().length != 1) {
            throw EventFormatException.inDataset(file, dataset.getPath(), "has shape "
                    + Arrays.toString(dataset.getDimensions()) + "; expected a one-dimensional dataset");
        }
        Attribute valid = dataset.getAttributes().get(VALID_LENGTH);
        if (valid == null) {
            return data;
        }
        int length = (int) Math.min(((Number) valid.getData()).longValue(), Array.getLength(data));
        Object trimmed = Array.newInstance(data.getClass().getComponentType(), Math.max(length, 0));
        System.arraycopy(data, 0, trimmed, 0, Array.getLength(trimmed));
        return trimmed;
    }

    private static String describe(Object data) {
        return data == null ? "nothing" : data.getClass().getSimpleName();
    }

    /**
     * Turns per-event seconds and channels into events of a one-dimensional geometry, ordering them by
     * time (stable) since the formats do not promise order.
     */
    static Events channelEvents(SensorGeometry geometry, double[] seconds, long[] channels, Path file,
            String timesPath, String channelsPath) throws EventFormatException {
        if (seconds.length != channels.length) {
            throw EventFormatException.inDataset(file, timesPath, "has " + seconds.length + " times but '"
                    + channelsPath + "' has " + channels.length + " channels; expected one per event");
        }
        Events.Builder events = Events.builder(geometry, seconds.length);
        for (int i = 0; i < seconds.length; i++) {
            if (!(seconds[i] >= 0) || Double.isInfinite(seconds[i])) {
                throw EventFormatException.inDataset(file, timesPath, "element " + i + " is " + seconds[i]
                        + " s; expected a finite time >= 0 in seconds");
            }
            if (channels[i] < 0 || channels[i] >= geometry.width()) {
                throw EventFormatException.inDataset(file, channelsPath, "element " + i + " is channel "
                        + channels[i] + "; expected 0.." + (geometry.width() - 1));
            }
            events.add(Math.round(seconds[i] * 1e6), (int) channels[i], 0, 0);
        }
        return events.build();
    }

    /** Event times in seconds, as the HDF5 audio sets store them. */
    static double[] seconds(Events events) {
        double[] seconds = new double[events.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = events.t(i) / 1e6;
        }
        return seconds;
    }

    /** Event channels, refusing addresses that a {@code channels}-wide one-dimensional set cannot hold. */
    static int[] channels(Events events, int channels, String sampleId) {
        int[] result = new int[events.size()];
        for (int i = 0; i < result.length; i++) {
            if (events.x(i) < 0 || events.x(i) >= channels || events.y(i) != 0 || events.t(i) < 0) {
                throw new IllegalArgumentException("sample " + sampleId + " event " + i + " (t=" + events.t(i)
                        + " us, x=" + events.x(i) + ", y=" + events.y(i) + ") does not fit " + channels
                        + " channels with times >= 0");
            }
            result[i] = events.x(i);
        }
        return result;
    }

    /** Writes a one-dimensional array, padding an empty one (see the class comment). */
    static void put(WritableGroup group, String name, Object array) {
        int length = Array.getLength(array);
        if (length > 0) {
            group.putDataset(name, array);
            return;
        }
        Object padding = array instanceof String[] ? new String[] {""} : Array.newInstance(
                array.getClass().getComponentType(), 1);
        WritableDataset dataset = group.putDataset(name, padding);
        dataset.putAttribute(VALID_LENGTH, 0L);
    }
}
