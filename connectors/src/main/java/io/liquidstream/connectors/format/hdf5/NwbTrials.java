package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.liquidstream.connectors.format.EventFormatException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trials of an NWB file ({@code /intervals/trials}, a {@code TimeIntervals} table): each row's
 * {@code id}, {@code start_time} and {@code stop_time} in seconds, and the table's other columns, of
 * which one may give the trials' labels.
 */
final class NwbTrials {

    static final String PATH = "/intervals/trials";

    /**
     * A trial column read as class labels.
     *
     * @param labels one per trial; -1 where the column gives none (NaN)
     * @param names for a text column, the text of label i (its values sorted); empty for a numeric column
     */
    record Labels(String column, int[] labels, List<String> names) {
    }

    private final long[] ids;
    private final long[] startMicros;
    private final long[] stopMicros;
    /** Each own column's values as jhdf reads them, or the error reading it gave; read while the file is open. */
    private final Map<String, Object> values;
    private final List<String> columnNames;
    private final Path file;

    private NwbTrials(long[] ids, long[] startMicros, long[] stopMicros, Map<String, Object> values,
            List<String> columnNames, Path file) {
        this.ids = ids;
        this.startMicros = startMicros;
        this.stopMicros = stopMicros;
        this.values = values;
        this.columnNames = columnNames;
        this.file = file;
    }

    /** The file's trials, or null when it has no {@code /intervals/trials} table. */
    static NwbTrials read(HdfFile hdf, Path file) throws EventFormatException {
        if (!(Hdf5Io.find(hdf, PATH) instanceof Group table)) {
            return null;
        }
        Map<String, Node> columns = table.getChildren();
        long[] ids = Hdf5Io.longs(Hdf5Io.member(columns, file, PATH, "id", "the trial ids (ElementIdentifiers)"), file);
        long[] start = micros(columns, file, "start_time", ids.length);
        long[] stop = micros(columns, file, "stop_time", ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (stop[i] < start[i]) {
                throw EventFormatException.inDataset(file, PATH + "/stop_time", "trial " + ids[i] + " stops at "
                        + stop[i] / 1e6 + " s, before its start " + start[i] / 1e6 + " s; expected stop >= start");
            }
        }
        List<String> names = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        for (String name : columnOrder(table)) {
            boolean bookkeeping = name.equals("id") || name.equals("start_time") || name.equals("stop_time")
                    || name.endsWith("_index");
            if (!bookkeeping && columns.get(name) instanceof Dataset dataset) {
                names.add(name);
                values.put(name, columnValues(columns, dataset, file, name, ids.length));
            }
        }
        return new NwbTrials(ids, start, stop, values, List.copyOf(names), file);
    }

    /** A column's values, or the {@link EventFormatException} that says why they cannot be labels. */
    private static Object columnValues(Map<String, Node> columns, Dataset dataset, Path file, String name, int rows) {
        String path = PATH + "/" + name;
        if (columns.containsKey(name + "_index")) {
            return EventFormatException.inDataset(file, path, "is a ragged column (it has '" + name
                    + "_index'); expected one value per trial to use as its label");
        }
        try {
            Object data = Hdf5Io.data(dataset, file);
            if (Array.getLength(data) != rows) {
                return EventFormatException.inDataset(file, path, "has " + Array.getLength(data) + " values for "
                        + rows + " trials; expected one per trial");
            }
            return data;
        } catch (EventFormatException e) {
            return e;
        }
    }

    /** The columns in the table's {@code colnames} order when it has one (hdmf writes it), else by name. */
    private static List<String> columnOrder(Group table) {
        Attribute colnames = table.getAttributes().get("colnames");
        if (colnames != null && colnames.getData() instanceof String[] names) {
            return Arrays.asList(names);
        }
        return new ArrayList<>(new TreeSet<>(table.getChildren().keySet()));
    }

    private static long[] micros(Map<String, Node> columns, Path file, String column, int rows)
            throws EventFormatException {
        Dataset dataset = Hdf5Io.member(columns, file, PATH, column, "each trial's " + column + " in seconds");
        double[] seconds = Hdf5Io.doubles(dataset, file);
        if (seconds.length != rows) {
            throw EventFormatException.inDataset(file, dataset.getPath(), "has " + seconds.length + " values for "
                    + rows + " trials in 'id'; expected one per trial");
        }
        long[] micros = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (!Double.isFinite(seconds[i])) {
                throw EventFormatException.inDataset(file, dataset.getPath(), "element " + i + " is " + seconds[i]
                        + "; expected a finite time in seconds");
            }
            micros[i] = Math.round(seconds[i] * 1e6);
        }
        return micros;
    }

    int size() {
        return ids.length;
    }

    long id(int trial) {
        return ids[trial];
    }

    long startMicros(int trial) {
        return startMicros[trial];
    }

    long stopMicros(int trial) {
        return stopMicros[trial];
    }

    /** The table's own columns, beyond id, start_time, stop_time and indexes, in its colnames order. */
    List<String> columns() {
        return columnNames;
    }

    /**
     * Reads {@code column} as labels: whole numbers >= 0 as they are (NaN: no label), text (and booleans,
     * which arrive as TRUE/FALSE) as the index of the value among the column's sorted distinct values.
     *
     * @throws EventFormatException when the column is missing, ragged, of another length, or holds
     *     numbers that are not whole and >= 0
     */
    Labels labels(String column) throws EventFormatException {
        String path = PATH + "/" + column;
        if (!columnNames.contains(column)) {
            throw EventFormatException.inDataset(file, path, "missing; expected a trials column to take labels from, "
                    + "one of " + columnNames);
        }
        Object data = values.get(column);
        if (data instanceof EventFormatException e) {
            throw e;
        }
        int[] labels = new int[ids.length];
        if (data instanceof String[] text) {
            List<String> names = List.copyOf(new TreeSet<>(Arrays.asList(text)));
            for (int i = 0; i < text.length; i++) {
                labels[i] = names.indexOf(text[i]);
            }
            return new Labels(column, labels, names);
        }
        double[] values = Hdf5Io.doubles(data, file, path);
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                labels[i] = -1;
            } else if (values[i] < 0 || values[i] > Integer.MAX_VALUE || values[i] != Math.rint(values[i])) {
                throw EventFormatException.inDataset(file, path, "element " + i + " is " + values[i]
                        + "; expected whole numbers >= 0 (or text) to use as class labels");
            } else {
                labels[i] = (int) values[i];
            }
        }
        return new Labels(column, labels, List.of());
    }
}
