package io.liquidstream.connectors.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Spike trains of an NWB 2.x file (Neurodata Without Borders, HDF5) as events: each unit of the Units
 * table is one channel ({@code x} = the unit's row, 0-based), each spike one event at its time in µs
 * (the file's times are seconds from its {@code timestamps_reference_time}).
 *
 * <p>The Units table is {@code /units}, or else the only one under {@code /processing}. With trials
 * ({@code /intervals/trials}) the file is a set of samples, one per trial: the spikes in
 * {@code [start_time, stop_time)}, timed from the trial's start, sample id {@code trial-<id>}, labelled
 * from a trials column when one is named. Without, it is one continuous stream ({@link #events()}).
 * The whole {@code spike_times} column is held in memory, 8 bytes per spike.
 */
public final class NwbRecording {

    /** Format name {@code inspect} reports. */
    public static final String FORMAT = "nwb";

    private final Path file;
    private final String version;
    private final NwbUnits units;
    private final NwbTrials trials;

    /**
     * The trials as labelled samples.
     *
     * @param labels how labels were taken, e.g. {@code labels from trials column 'stimulus' (0=left, 1=right)}
     */
    public record TrialSamples(Iterator<LabeledSample> samples, int count, String labels) {
    }

    private NwbRecording(Path file, String version, NwbUnits units, NwbTrials trials) {
        this.file = file;
        this.version = version;
        this.units = units;
        this.trials = trials;
    }

    /** Whether an open HDF5 file is an NWB file (of any version): its root says so. */
    static boolean isNwb(HdfFile hdf) {
        Map<String, Attribute> root = hdf.getAttributes();
        Attribute type = root.get("neurodata_type");
        return type != null && "NWBFile".equals(type.getData()) || root.containsKey("nwb_version")
                || hdf.getChildren().containsKey("nwb_version");
    }

    /** Whether {@code file} is an HDF5 file whose root marks it as NWB. */
    public static boolean isNwb(Path file) throws IOException {
        try (HdfFile hdf = Hdf5Io.open(file)) {
            return isNwb(hdf);
        }
    }

    /**
     * Reads the units (and trials, if any) of an NWB 2.x file.
     *
     * @throws EventFormatException if the file is not NWB 2.x, has no Units table with spikes, or a
     *     column is missing or inconsistent; the message names the dataset
     */
    public static NwbRecording read(Path file) throws IOException {
        try (HdfFile hdf = Hdf5Io.open(file)) {
            if (!isNwb(hdf)) {
                throw EventFormatException.inDataset(file, "/", "an HDF5 file whose root has no NWB attributes "
                        + "(neurodata_type 'NWBFile', nwb_version); expected an NWB 2.x file. (N-TIDIGITS and SHD "
                        + "data sets are read by replay and probe, not as recordings.) Top level: "
                        + hdf.getChildren().keySet());
            }
            String version = version(hdf, file);
            NwbUnits units = NwbUnits.read(hdf, file, unitsTable(hdf, file));
            if (units.units() == 0) {
                throw EventFormatException.inDataset(file, units.path(), "has no units; expected at least one "
                        + "unit with spike times");
            }
            return new NwbRecording(file, version, units, NwbTrials.read(hdf, file));
        }
    }

    private static String version(HdfFile hdf, Path file) throws EventFormatException {
        Attribute attribute = hdf.getAttributes().get("nwb_version");
        Object version = attribute == null ? null : attribute.getData();
        if (!(version instanceof String text) || !text.startsWith("2.")) {
            throw EventFormatException.inDataset(file, "/", "root attribute nwb_version is "
                    + (version == null ? "missing" : "'" + version + "'")
                    + (hdf.getChildren().containsKey("nwb_version") ? " (a dataset 'nwb_version' marks NWB 1.x)" : "")
                    + "; expected an NWB 2.x file (nwb_version 2.*)");
        }
        return text;
    }

    /** {@code /units}, or the only Units table in a processing module. */
    private static String unitsTable(HdfFile hdf, Path file) throws EventFormatException {
        if (Hdf5Io.find(hdf, "units") instanceof Group) {
            return "/units";
        }
        List<String> found = new ArrayList<>();
        if (Hdf5Io.find(hdf, "processing") instanceof Group processing) {
            for (Node module : processing.getChildren().values()) {
                if (module instanceof Group group) {
                    for (Node table : group.getChildren().values()) {
                        if (table instanceof Group && "Units".equals(type(table))) {
                            found.add("/processing/" + module.getName() + "/" + table.getName());
                        }
                    }
                }
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw EventFormatException.inDataset(file, "/units", "missing, and the processing modules hold "
                    + found.size() + " Units tables " + found + "; expected one Units table");
        }
        throw EventFormatException.inDataset(file, "/units", "missing; expected an NWB Units table with the spike "
                + "times of sorted units (in /units or a processing module). This file holds " + contents(hdf)
                + ". Raw voltages are not spike events: sort spikes first and store them in /units");
    }

    /** What the data groups hold, as name (type), for errors. */
    private static String contents(HdfFile hdf) {
        Map<String, List<String>> contents = new TreeMap<>();
        for (String group : List.of("acquisition", "processing", "analysis")) {
            List<String> entries = new ArrayList<>();
            if (Hdf5Io.find(hdf, group) instanceof Group g) {
                for (Node child : g.getChildren().values()) {
                    String type = type(child);
                    entries.add(child.getName() + (type == null ? "" : " (" + type + ")"));
                }
            }
            contents.put("/" + group, entries);
        }
        return contents.toString();
    }

    private static String type(Node node) {
        Attribute type = node.getAttributes().get("neurodata_type");
        return type != null && type.getData() instanceof String text ? text : null;
    }

    /** {@code units} channels, one per unit. */
    public SensorGeometry geometry() {
        return SensorGeometry.channels(units.units());
    }

    /** The file's {@code nwb_version}, e.g. {@code 2.7.0}. */
    public String version() {
        return version;
    }

    public int units() {
        return units.units();
    }

    public long spikes() {
        return units.spikes();
    }

    /** Rows of {@code /intervals/trials}; 0 without trials. */
    public int trials() {
        return trials == null ? 0 : trials.size();
    }

    /**
     * All spikes as one continuous stream in time order, handed out a chunk at a time.
     *
     * @throws EventFormatException if a spike lies before time 0 (a stream's times are >= 0)
     */
    public EventFileReader events() throws EventFormatException {
        long[] micros = units.micros();
        int[] from = new int[units.units()];
        int[] to = new int[units.units()];
        for (int u = 0; u < from.length; u++) {
            from[u] = units.from(u);
            to[u] = units.to(u);
            if (from[u] < to[u] && micros[from[u]] < 0) {
                throw EventFormatException.inDataset(file, units.path() + "/spike_times", "unit " + units.id(u)
                        + " spikes at " + micros[from[u]] / 1e6 + " s; expected times >= 0 s (from the file's "
                        + "timestamps_reference_time) in a continuous stream");
            }
        }
        return new Reader(new SpikeMerge(micros, from, to, 0));
    }

    /**
     * The trials as samples, read one at a time as they are asked for.
     *
     * @param labelColumn the trials column whose values label the samples, or null for unlabelled samples
     * @throws EventFormatException if the file has no trials, or the column cannot give labels
     */
    public TrialSamples trialSamples(String labelColumn) throws EventFormatException {
        if (trials == null || trials.size() == 0) {
            throw EventFormatException.inDataset(file, NwbTrials.PATH, "missing or empty; expected trials to cut "
                    + "samples from");
        }
        NwbTrials.Labels labels = labelColumn == null ? null : trials.labels(labelColumn);
        String described = labels == null ? "unlabelled" : "labels from trials column '" + labels.column() + "'"
                + (labels.names().isEmpty() ? "" : " (" + names(labels.names()) + ")");
        Iterator<LabeledSample> samples = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < trials.size();
            }

            @Override
            public LabeledSample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int trial = next++;
                return new LabeledSample("trial-" + trials.id(trial), labels == null ? -1 : labels.labels()[trial],
                        trial(trial));
            }
        };
        return new TrialSamples(samples, trials.size(), described);
    }

    private static String names(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(i).append('=').append(names.get(i));
        }
        return text.toString();
    }

    /** The spikes of trial {@code trial} in {@code [start, stop)}, timed from its start. */
    private Events trial(int trial) {
        long start = trials.startMicros(trial);
        long stop = trials.stopMicros(trial);
        long[] micros = units.micros();
        int[] from = new int[units.units()];
        int[] to = new int[units.units()];
        int count = 0;
        for (int u = 0; u < from.length; u++) {
            from[u] = lowerBound(micros, units.from(u), units.to(u), start);
            to[u] = lowerBound(micros, from[u], units.to(u), stop);
            count += to[u] - from[u];
        }
        Events.Builder events = Events.builder(geometry(), count);
        new SpikeMerge(micros, from, to, start).drainTo(events, count);
        return events.build();
    }

    /** The first index in {@code [from, to)} whose time is >= {@code time}. */
    private static int lowerBound(long[] sorted, int from, int to, long time) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** What {@code inspect} shows beside the events: version, units with ids and electrodes, trials. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("nwbVersion", version);
        details.put("unitsTable", units.path());
        List<Long> ids = new ArrayList<>();
        List<Object> electrodes = new ArrayList<>();
        boolean anyElectrodes = false;
        for (int u = 0; u < units.units(); u++) {
            ids.add(units.id(u));
            long[] e = units.electrodes(u);
            anyElectrodes |= e != null;
            electrodes.add(e == null ? null : Arrays.stream(e).boxed().toList());
        }
        details.put("unitIds", ids);
        if (anyElectrodes) {
            details.put("unitElectrodes", electrodes);
        }
        details.put("trials", trials());
        if (trials != null) {
            details.put("trialColumns", trials.columns());
        }
        return details;
    }

    /** The continuous stream, a chunk at a time. */
    private final class Reader implements EventFileReader {
        private final SpikeMerge merge;

        Reader(SpikeMerge merge) {
            this.merge = merge;
        }

        @Override
        public String format() {
            return FORMAT;
        }

        @Override
        public SensorGeometry geometry() {
            return NwbRecording.this.geometry();
        }

        @Override
        public Map<String, Object> details() {
            return NwbRecording.this.details();
        }

        @Override
        public Events next(int maxEvents) {
            if (maxEvents <= 0) {
                throw new IllegalArgumentException("maxEvents must be positive, found " + maxEvents);
            }
            if (!merge.hasNext()) {
                return null;
            }
            Events.Builder chunk = Events.builder(geometry(), Math.min(maxEvents, 1 << 16));
            merge.drainTo(chunk, maxEvents);
            return chunk.build();
        }

        @Override
        public void close() {
            // the spikes are in memory; the file was closed after reading
        }
    }
}
