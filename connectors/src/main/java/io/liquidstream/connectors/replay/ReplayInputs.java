package io.liquidstream.connectors.replay;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFiles;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.hdf5.NwbRecording;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.InputStream;
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
 *   <li>a folder in the N-MNIST layout ({@code Train/<digit>/*.bin}, {@code Test/<digit>/*.bin}):
 *       labelled samples, Train before Test, each file decoded only when reached;</li>
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
        if (samplePeriodMicros < 0) {
            throw new IllegalArgumentException("sample period must be >= 0, found " + samplePeriodMicros);
        }
        if (Files.isDirectory(path)) {
            return nmnistFolder(path, source, modality, maxEvents, maxMicros, samplePeriodMicros);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "expected a recording file or an N-MNIST folder");
        }
        if (isHdf5(path) && NwbRecording.isNwb(path)) {
            return nwb(path, source, modality, maxEvents, maxMicros, samplePeriodMicros, trialLabel);
        }
        if (trialLabel != null) {
            throw new IllegalArgumentException("a trial label column ('" + trialLabel + "') applies only to NWB files "
                    + "with trials; " + path + " is not an NWB file");
        }
        if (isHdf5(path)) {
            return hdf5(path, source, modality, maxEvents, maxMicros, samplePeriodMicros);
        }
        EventFileReader reader = EventFiles.open(path);
        PacketCutter cutter = new PacketCutter(source, modality, reader.geometry(), maxEvents, maxMicros);
        return new RecordingPackets(reader, cutter, reader.format() + " recording " + path);
    }

    private static PacketSource nmnistFolder(Path root, String source, Modality modality, int maxEvents,
            long maxMicros, long periodMicros) throws IOException {
        List<String> splits = Stream.of("Train", "Test").filter(s -> Files.isDirectory(root.resolve(s))).toList();
        if (splits.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null,
                    "expected an N-MNIST folder with Train/<digit>/*.bin or Test/<digit>/*.bin; found neither Train nor Test");
        }
        Stream<LabeledSample> samples = Stream.empty();
        for (String split : splits) {
            samples = Stream.concat(samples, NmnistFolder.stream(root, split, 0));
        }
        PacketCutter cutter = new PacketCutter(source, modality, SensorGeometry.pixels(34, 34), maxEvents, maxMicros);
        return new SamplePackets(samples.iterator(), cutter, "N-MNIST folder " + root + " " + splits, samples::close,
                periodMicros);
    }

    private static PacketSource nwb(Path file, String source, Modality modality, int maxEvents, long maxMicros,
            long periodMicros, String trialLabel) throws IOException {
        NwbRecording nwb = NwbRecording.read(file);
        PacketCutter cutter = new PacketCutter(source, modality, nwb.geometry(), maxEvents, maxMicros);
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
            long periodMicros) throws IOException {
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
            samples.addAll(SpikingHeidelbergDigits.read(file, SpikingHeidelbergDigits.CHANNELS));
            geometry = SensorGeometry.channels(SpikingHeidelbergDigits.CHANNELS);
            layout = "SHD";
        } else if (top.contains("train_labels") || top.contains("test_labels")) {
            for (String split : List.of("train", "test")) {
                if (top.contains(split + "_labels")) {
                    samples.addAll(NTidigits.read(file, split, false));
                }
            }
            geometry = NTidigits.GEOMETRY;
            layout = "N-TIDIGITS";
        } else {
            throw EventFormatException.inDataset(file, "/", "expected the SHD layout (group 'spikes') or the "
                    + "N-TIDIGITS layout ('train_labels', 'test_labels'), found top-level entries " + top);
        }
        PacketCutter cutter = new PacketCutter(source, modality, geometry, maxEvents, maxMicros);
        return new SamplePackets(samples.iterator(), cutter, layout + " file " + file, () -> { }, periodMicros);
    }

    private static boolean isHdf5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HDF5_MAGIC.length);
            return java.util.Arrays.equals(head, HDF5_MAGIC);
        }
    }
}
