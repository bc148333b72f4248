package io.liquidstream.connectors.replay;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFiles;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.hdf5.NwbRecording;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.format.nmnist.NmnistBin;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Opens what {@code liquidstream replay} is pointed at as a {@link PacketSource}:
 * <ul>
 *   <li>a labelled folder ({@code Train/<label>/<recording>}, {@code Test/<label>/<recording>}; the N-MNIST
 *       layout, or recordings of any sensor, {@link LabelledFolder}): labelled samples, Train before Test,
 *       each file decoded only when reached, on the sensor of the first file;</li>
 *   <li>an HDF5 file in the N-TIDIGITS layout (both splits, train first) or the SHD layout:
 *       labelled samples;</li>
 *   <li>an NWB 2.x file: its trials as samples (labelled from a trials column when one is named), or,
 *       without trials, its spikes as one continuous stream; one channel per unit
 *       ({@link NwbRecording});</li>
 *   <li>any recording {@link EventFiles} reads (AEDAT, Prophesee DAT/EVT, N-MNIST .bin, CSV):
 *       one continuous stream without sample markers, decoded a chunk at a time.</li>
 * </ul>
 */
public final class ReplayInputs {

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ReplayInputs() {
    }

    /**
     * @param source the source id every packet carries (and the Kafka key)
     * @param maxEvents most events per packet
     * @param maxMicros longest time span of a packet, in µs
     * @throws NoSuchFileException if the path does not exist
     * @throws EventFormatException if the path is in no supported format (the message lists them)
     */
    public static PacketSource open(Path path, String source, Modality modality, int maxEvents, long maxMicros)
            throws IOException {
        return open(path, source, modality, maxEvents, maxMicros, 0);
    }

    /**
     * As {@link #open(Path, String, Modality, int, long)}, with labelled samples starting every
     * {@code samplePeriodMicros} on the source clock (0: back to back), see {@link SamplePackets}.
     */
    public static PacketSource open(Path path, String source, Modality modality, int maxEvents, long maxMicros,
            long samplePeriodMicros) throws IOException {
        return open(path, source, modality, maxEvents, maxMicros, samplePeriodMicros, null);
    }

    /**
     * As {@link #open(Path, String, Modality, int, long, long)}, labelling an NWB file's trials from the
     * trials column {@code trialLabel} (null: unlabelled).
     *
     * @throws IllegalArgumentException if {@code trialLabel} is given for anything but an NWB file with trials
     */
    public static PacketSource open(Path path, String source, Modality modality, int maxEvents, long maxMicros,
            long samplePeriodMicros, String trialLabel) throws IOException {
        return open(path, source, modality, maxEvents, maxMicros, samplePeriodMicros, trialLabel, null);
    }

    /**
     * As {@link #open(Path, String, Modality, int, long, long, String)}, on the sensor {@code sensor} when it
     * is not null rather than the one the input states: the channel count of an SHD file (whose format does
     * not record it), or a camera larger than a CSV file's events reach. The packets' addresses are the
     * input's; {@link PacketSource#sensor()} says {@code sensor}.
     *
     * @throws IllegalArgumentException if the input's own sensor does not fit inside {@code sensor}
     */
    public static PacketSource open(Path path, String source, Modality modality, int maxEvents, long maxMicros,
            long samplePeriodMicros, String trialLabel, SensorGeometry sensor) throws IOException {
        if (samplePeriodMicros < 0) {
            throw new IllegalArgumentException("sample period must be >= 0, found " + samplePeriodMicros);
        }
        if (Files.isDirectory(path)) {
            return labelledFolder(path, source, modality, maxEvents, maxMicros, samplePeriodMicros, sensor);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "expected a recording file or a labelled folder");
        }
        if (isHdf5(path) && NwbRecording.isNwb(path)) {
            return nwb(path, source, modality, maxEvents, maxMicros, samplePeriodMicros, trialLabel, sensor);
        }
        if (trialLabel != null) {
            throw new IllegalArgumentException("a trial label column ('" + trialLabel + "') applies only to NWB files "
                    + "with trials; " + path + " is not an NWB file");
        }
        if (isHdf5(path)) {
            return hdf5(path, source, modality, maxEvents, maxMicros, samplePeriodMicros, sensor);
        }
        EventFileReader reader = EventFiles.open(path);
        SensorGeometry geometry;
        try {
            geometry = fit(reader.geometry(), sensor, reader.format() + " recording " + path);
        } catch (IllegalArgumentException e) {
            reader.close();
            throw e;
        }
        PacketCutter cutter = new PacketCutter(source, modality, geometry, maxEvents, maxMicros);
        return new RecordingPackets(reader, cutter, reader.format() + " recording " + path + " (" + geometry + ")");
    }

    /** {@code sensor} when given (and holding {@code own}), else {@code own}. */
    private static SensorGeometry fit(SensorGeometry own, SensorGeometry sensor, String what) {
        if (sensor == null) {
            return own;
        }
        if (!sensor.covers(own)) {
            throw new IllegalArgumentException("the sensor given, " + sensor + ", does not hold the " + what + ", whose "
                    + "sensor is " + own + "; expected a sensor at least that large");
        }
        return sensor;
    }

    private static PacketSource labelledFolder(Path root, String source, Modality modality, int maxEvents,
            long maxMicros, long periodMicros, SensorGeometry sensor) throws IOException {
        List<String> splits = Stream.of("Train", "Test").filter(s -> Files.isDirectory(root.resolve(s))).toList();
        if (splits.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null,
                    "expected a labelled folder with Train/<label>/<recording> or Test/<label>/<recording>; found "
                            + "neither Train nor Test");
        }
        SensorGeometry first = null;
        for (String split : splits) {
            first = first != null ? first : LabelledFolder.firstSensor(root, split).orElse(null);
        }
        SensorGeometry geometry = fit(first != null ? first : NmnistBin.GEOMETRY, sensor, "labelled folder " + root);
        Stream<LabeledSample> samples = Stream.empty();
        for (String split : splits) {
            samples = Stream.concat(samples, LabelledFolder.stream(root, split, 0));
        }
        Stream<LabeledSample> checked = samples.peek(s -> {
            if (!geometry.covers(s.events().geometry())) {
                throw new UncheckedIOException(EventFormatException.atOffset(root.resolve(s.id()), 0, "expected a "
                        + "recording of the folder's sensor " + geometry + " (" + (sensor != null ? "the one given"
                        : "its first sample's") + "), found one of " + s.events().geometry()));
            }
        });
        PacketCutter cutter = new PacketCutter(source, modality, geometry, maxEvents, maxMicros);
        return new SamplePackets(checked.iterator(), cutter, "labelled folder " + root + " " + splits + " (" + geometry
                + ")", checked::close, periodMicros);
    }

    private static PacketSource nwb(Path file, String source, Modality modality, int maxEvents, long maxMicros,
            long periodMicros, String trialLabel, SensorGeometry sensor) throws IOException {
        NwbRecording nwb = NwbRecording.read(file);
        PacketCutter cutter = new PacketCutter(source, modality, fit(nwb.geometry(), sensor, "NWB file " + file),
                maxEvents, maxMicros);
        String what = "NWB " + nwb.version() + " file " + file + " (" + nwb.units() + " units)";
        if (nwb.trials() == 0) {
            if (trialLabel != null) {
                throw new IllegalArgumentException("a trial label column ('" + trialLabel + "') was given, but " + file
                        + " has no trials (/intervals/trials); its spikes are sent as one continuous stream");
            }
            return new RecordingPackets(nwb.events(), cutter, what + ", one continuous stream");
        }
        NwbRecording.TrialSamples trials = nwb.trialSamples(trialLabel);
        return new SamplePackets(trials.samples(), cutter, what + ", " + trials.count() + " trials as samples, "
                + trials.labels(), () -> { }, periodMicros);
    }

    private static PacketSource hdf5(Path file, String source, Modality modality, int maxEvents, long maxMicros,
            long periodMicros, SensorGeometry sensor) throws IOException {
        Set<String> top;
        try (HdfFile hdf = new HdfFile(file)) {
            top = hdf.getChildren().keySet();
        } catch (HdfException e) {
            throw EventFormatException.inDataset(file, "/", "not a readable HDF5 file (" + e.getMessage() + ")");
        }
        List<LabeledSample> samples = new ArrayList<>();
        SensorGeometry geometry;
        String layout;
        if (top.contains("spikes")) {
            // The SHD layout does not record its channel count: the sensor given says it, else SHD's own 700.
            if (sensor != null && (sensor.height() != 1 || sensor.polarities() != 1)) {
                throw new IllegalArgumentException("an SHD file holds channels; expected a sensor of CHANNELS (e.g. "
                        + "1024), found " + sensor);
            }
            geometry = sensor != null ? sensor : SensorGeometry.channels(SpikingHeidelbergDigits.CHANNELS);
            samples.addAll(SpikingHeidelbergDigits.read(file, geometry.width()));
            layout = "SHD";
        } else if (top.contains("train_labels") || top.contains("test_labels")) {
            for (String split : List.of("train", "test")) {
                if (top.contains(split + "_labels")) {
                    samples.addAll(NTidigits.read(file, split, false));
                }
            }
            geometry = fit(NTidigits.GEOMETRY, sensor, "N-TIDIGITS file " + file);
            layout = "N-TIDIGITS";
        } else {
            throw EventFormatException.inDataset(file, "/", "expected the SHD layout (group 'spikes') or the "
                    + "N-TIDIGITS layout ('train_labels', 'test_labels'), found top-level entries " + top);
        }
        PacketCutter cutter = new PacketCutter(source, modality, geometry, maxEvents, maxMicros);
        return new SamplePackets(samples.iterator(), cutter, layout + " file " + file + " (" + geometry + ")", () -> { },
                periodMicros);
    }

    private static boolean isHdf5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HDF5_MAGIC.length);
            return java.util.Arrays.equals(head, HDF5_MAGIC);
        }
    }
}
