package io.liquidstream.connectors.format;

import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.format.nmnist.NmnistBin;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A labelled data set of recordings, one sample per file, of any sensor: {@code root/Train/<label>/<file>}
 * and {@code root/Test/<label>/<file>}, the files in any format {@link EventFiles} reads by extension
 * ({@code .bin} N-MNIST, {@code .aedat4}/{@code .aedat} AEDAT, {@code .raw}/{@code .dat} Prophesee,
 * {@code .csv}, not {@code .txt}). The N-MNIST folder layout is the case where every file is {@code .bin}; its order and
 * sample ids are kept: by label in numeric order, then by file name, ids such as {@code Train/3/00012.bin}.
 * Each sample keeps the sensor its file states (an AEDAT 4 header's size, N-MNIST's 34×34), so a data
 * set of a 320×240 camera reads as 320×240 events. Folders not named by a label and files of other
 * extensions (a README) are ignored.
 */
public final class LabelledFolder {

    private LabelledFolder() {
    }

    /**
     * Reads up to {@code maxPerClass} samples of each label ({@code <= 0}: all) of one split.
     *
     * @throws NoSuchFileException if {@code root/split} is not a folder
     * @throws EventFormatException if a sample file is malformed, naming the file
     */
    public static List<LabeledSample> read(Path root, String split, int maxPerClass) throws IOException {
        return LabelFolders.read(root, files(root, split, maxPerClass), LabelledFolder::events);
    }

    /**
     * Like {@link #read} but decodes each file only when the stream reaches it; the file list is taken
     * up front. Damage surfaces as an {@link UncheckedIOException} wrapping the format exception.
     */
    public static Stream<LabeledSample> stream(Path root, String split, int maxPerClass) throws IOException {
        return LabelFolders.stream(root, files(root, split, maxPerClass), LabelledFolder::events);
    }

    /**
     * The sensor of the split's first sample file, as its header states it (the whole data set is
     * expected to share it; {@link #read} gives each sample its own), or empty for an empty split.
     */
    public static Optional<SensorGeometry> firstSensor(Path root, String split) throws IOException {
        List<Path> files = files(root, split, 1);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        try (EventFileReader reader = EventFiles.open(files.get(0))) {
            return Optional.of(reader.geometry());
        }
    }

    /**
     * Writes one sample under {@code root/split/<label>/}: an N-MNIST {@code .bin} file when its events are
     * on N-MNIST's 34×34 two-polarity sensor, else an AEDAT 4.0 file ({@code .aedat4}, LZ4) whose header
     * states the sensor. The name comes from the last {@code /}-separated part of the sample id.
     *
     * @return the written file
     */
    public static Path write(Path root, String split, LabeledSample sample) throws IOException {
        if (sample.events().geometry().equals(NmnistBin.GEOMETRY)) {
            return NmnistFolder.write(root, split, sample);
        }
        if (!NmnistFolder.SPLITS.contains(split) || sample.label() < 0) {
            throw new IllegalArgumentException("expected split Train or Test and a label of 0 or more, found '" + split
                    + "' and " + sample.label() + " for sample " + sample.id());
        }
        Path folder = Files.createDirectories(root.resolve(split).resolve(Integer.toString(sample.label())));
        String name = sample.id().substring(sample.id().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = folder.resolve((name.isEmpty() ? "sample" : name) + ".aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, sample.events().geometry(), Aedat4Compression.LZ4)) {
            writer.write(sample.events());
        }
        return file;
    }

    private static List<Path> files(Path root, String split, int maxPerClass) throws IOException {
        if (!NmnistFolder.SPLITS.contains(split)) {
            throw new IllegalArgumentException("labelled folder splits are Train and Test, found '" + split + "'");
        }
        Set<String> known = new TreeSet<>(EventFiles.extensions());
        known.remove("txt"); // a README.txt beside the samples is not a CSV recording
        return LabelFolders.files(root, split, maxPerClass,
                p -> !p.getFileName().toString().startsWith(".") && known.contains(EventFiles.extension(p)),
                "a labelled folder <root>/" + split + "/<label 0, 1, ...>/<recording> (N-MNIST .bin, AEDAT, Prophesee, CSV)");
    }

    private static Events events(Path file) throws IOException {
        // N-MNIST files have no header to recognise them by; their extension decides, as in NmnistFolder
        return EventFiles.extension(file).equals("bin") ? NmnistBin.read(file) : EventFiles.readAll(file);
    }
}
