package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.liquidstream.connectors.format.EventFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The spike trains of one NWB {@code Units} table: the ragged column {@code spike_times} (seconds,
 * float64) cut by {@code spike_times_index} (each unit's exclusive end), the unit ids of {@code id}, and
 * each unit's electrode ids when the table has the ragged {@code electrodes} column (rows of the
 * electrodes table it references, turned into that table's {@code id}s).
 *
 * <p>Times are held as microseconds, unit after unit, each unit's run sorted (NWB recommends but does
 * not require ascending spike times); 8 bytes per spike.
 */
final class NwbUnits {

    private final String path;
    private final long[] ids;
    private final long[] micros;
    private final int[] ends;
    private final long[][] electrodes;

    private NwbUnits(String path, long[] ids, long[] micros, int[] ends, long[][] electrodes) {
        this.path = path;
        this.ids = ids;
        this.micros = micros;
        this.ends = ends;
        this.electrodes = electrodes;
    }

    /** @throws EventFormatException naming the dataset when a column is missing or inconsistent */
    static NwbUnits read(HdfFile hdf, Path file, String path) throws EventFormatException {
        Map<String, Node> columns = Hdf5Io.group(hdf, file, path, "an NWB Units table").getChildren();
        long[] ids = Hdf5Io.longs(Hdf5Io.member(columns, file, path, "id", "the unit ids (ElementIdentifiers)"), file);
        Dataset times = Hdf5Io.member(columns, file, path, "spike_times",
                "each unit's spike times in seconds (VectorData, float64); this Units table has only "
                        + columns.keySet());
        double[] seconds = Hdf5Io.doubles(times, file);
        int[] ends = ends(columns, file, path, "spike_times", ids.length, seconds.length);
        long[] micros = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            if (!Double.isFinite(seconds[i])) {
                throw EventFormatException.inDataset(file, times.getPath(), "element " + i + " is " + seconds[i]
                        + "; expected a finite spike time in seconds");
            }
            micros[i] = Math.round(seconds[i] * 1e6);
        }
        for (int u = 0; u < ids.length; u++) {
            Arrays.sort(micros, u == 0 ? 0 : ends[u - 1], ends[u]);
        }
        long[][] electrodes = columns.containsKey("electrodes")
                ? electrodes(hdf, columns, file, path, ids.length) : null;
        return new NwbUnits(path, ids, micros, ends, electrodes);
    }

    /** Each row's exclusive end in a ragged column, from its {@code <column>_index}; one value per row without one. */
    private static int[] ends(Map<String, Node> columns, Path file, String path, String column, int rows,
            int values) throws EventFormatException {
        String indexPath = path + "/" + column + "_index";
        if (!columns.containsKey(column + "_index")) {
            if (values != rows) {
                throw EventFormatException.inDataset(file, indexPath, "missing, and '" + column + "' has " + values
                        + " values for " + rows + " units; expected the index of a ragged column (VectorIndex)");
            }
            int[] ends = new int[rows];
            Arrays.setAll(ends, i -> i + 1);
            return ends;
        }
        long[] index = Hdf5Io.longs(Hdf5Io.member(columns, file, path, column + "_index",
                "each unit's end in '" + column + "' (VectorIndex)"), file);
        if (index.length != rows) {
            throw EventFormatException.inDataset(file, indexPath, "has " + index.length + " entries for " + rows
                    + " units in 'id'; expected one per unit");
        }
        int[] ends = new int[rows];
        for (int u = 0; u < rows; u++) {
            long previous = u == 0 ? 0 : index[u - 1];
            if (index[u] < previous || index[u] > values) {
                throw EventFormatException.inDataset(file, indexPath, "entry " + u + " is " + index[u]
                        + "; expected a non-decreasing end between " + previous + " and " + values
                        + " (the length of '" + column + "')");
            }
            ends[u] = (int) index[u];
        }
        if (rows > 0 && ends[rows - 1] != values) {
            throw EventFormatException.inDataset(file, indexPath, "ends at " + ends[rows - 1] + " but '" + column
                    + "' has " + values + " values; expected the last unit to end at the column's end");
        }
        return ends;
    }

    private static long[][] electrodes(HdfFile hdf, Map<String, Node> columns, Path file, String path, int units)
            throws EventFormatException {
        Dataset region = Hdf5Io.member(columns, file, path, "electrodes", "rows of the electrodes table");
        long[] rows = Hdf5Io.longs(region, file);
        int[] ends = ends(columns, file, path, "electrodes", units, rows.length);
        long[] electrodeIds = electrodeIds(hdf, region, file);
        long[][] result = new long[units][];
        for (int u = 0; u < units; u++) {
            int from = u == 0 ? 0 : ends[u - 1];
            result[u] = new long[ends[u] - from];
            for (int i = from; i < ends[u]; i++) {
                if (rows[i] < 0 || electrodeIds != null && rows[i] >= electrodeIds.length) {
                    throw EventFormatException.inDataset(file, region.getPath(), "element " + i + " is row " + rows[i]
                            + "; expected a row of the electrodes table (0.." + (electrodeIds == null ? "?"
                            : electrodeIds.length - 1) + ")");
                }
                result[u][i - from] = electrodeIds == null ? rows[i] : electrodeIds[(int) rows[i]];
            }
        }
        return result;
    }

    /** The {@code id} column of the table the region's {@code table} attribute references; null when unreadable. */
    private static long[] electrodeIds(HdfFile hdf, Dataset region, Path file) throws EventFormatException {
        Node table = null;
        try {
            Attribute reference = region.getAttribute("table");
            if (reference != null && reference.getData() instanceof Long address) {
                table = hdf.getNodeByAddress(address);
            }
        } catch (HdfException e) {
            table = null;
        }
        if (table == null) {
            table = Hdf5Io.find(hdf, "general/extracellular_ephys/electrodes");
        }
        if (!(table instanceof Group group) || !(group.getChildren().get("id") instanceof Dataset ids)) {
            // Without the electrodes table the rows themselves are the best ids there are.
            return null;
        }
        return Hdf5Io.longs(ids, file);
    }

    /** Where the table is in the file, e.g. {@code /units}. */
    String path() {
        return path;
    }

    int units() {
        return ids.length;
    }

    long id(int unit) {
        return ids[unit];
    }

    long spikes() {
        return micros.length;
    }

    /** Index of the unit's first spike in {@link #micros()}. */
    int from(int unit) {
        return unit == 0 ? 0 : ends[unit - 1];
    }

    /** Exclusive index of the unit's last spike in {@link #micros()}. */
    int to(int unit) {
        return ends[unit];
    }

    /** All spike times in µs, unit after unit, each unit's run ascending; not copied. */
    long[] micros() {
        return micros;
    }

    /** The unit's electrode ids, or null when the table has no electrodes column. */
    long[] electrodes(int unit) {
        return electrodes == null ? null : electrodes[unit].clone();
    }
}
