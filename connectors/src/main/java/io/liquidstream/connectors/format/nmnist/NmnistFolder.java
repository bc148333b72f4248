package io.liquidstream.connectors.format.nmnist;

import io.liquidstream.connectors.format.LabelFolders;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The N-MNIST folder layout: {@code root/Train/<label>/*.bin} and {@code root/Test/<label>/*.bin} with
 * one folder per class named by its label in decimal: {@code 0}..{@code 9} in N-MNIST itself, and any
 * further labels (such as {@code 10}..{@code 35} for the built-in letters) the same way. Samples come
 * in a fixed order, by label in numeric order ({@code 9} before {@code 10}) and then by file name,
 * with ids such as {@code Train/3/00012.bin}. Missing label folders are read as classes without
 * samples; folders whose names are not labels ({@code 07}, {@code x}) are ignored.
 */
public final class NmnistFolder {

    /** The two splits of the data set, spelled as its folders are. */
    public static final Set<String> SPLITS = Set.of("Train", "Test");

    private NmnistFolder() {
    }

    /**
     * Reads up to {@code maxPerClass} samples of each digit ({@code <= 0}: all) of one split.
     *
     * @throws NoSuchFileException if {@code root/split} is not a folder
     * @throws io.liquidstream.connectors.format.EventFormatException if a sample file is malformed
     */
    public static List<LabeledSample> read(Path root, String split, int maxPerClass) throws IOException {
        return LabelFolders.read(root, files(root, split, maxPerClass), NmnistBin::read);
    }

    /**
     * Like {@link #read} but decodes each file only when the stream reaches it; the file list is taken
     * up front. Damage surfaces as an {@link UncheckedIOException} wrapping the format exception.
     */
    public static Stream<LabeledSample> stream(Path root, String split, int maxPerClass) throws IOException {
        return LabelFolders.stream(root, files(root, split, maxPerClass), NmnistBin::read);
    }

    /**
     * Writes one sample to {@code root/split/<label>/<name>.bin}, creating folders as needed. The name
     * is the last {@code /}-separated part of the sample id with characters other than letters, digits,
     * {@code . _ -} replaced by {@code _}; when nothing is left, the next free running number
     * ({@code 00000.bin}, {@code 00001.bin}, ...). An existing file of that name is replaced.
     *
     * @return the written file
     * @throws IllegalArgumentException if the label is negative or the split is not Train/Test
     */
    public static Path write(Path root, String split, LabeledSample sample) throws IOException {
        requireSplit(split);
        if (sample.label() < 0) {
            throw new IllegalArgumentException("N-MNIST folder labels are 0 or more (digits 0..9, further classes"
                    + " 10, 11, ...), found " + sample.label() + " for sample " + sample.id());
        }
        Path folder = Files.createDirectories(root.resolve(split).resolve(Integer.toString(sample.label())));
        Path file = folder.resolve(fileName(folder, sample.id()));
        NmnistBin.write(file, sample.events());
        return file;
    }

    private static String fileName(Path folder, String id) {
        String name = id.substring(id.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.equals(".bin") || name.chars().allMatch(c -> c == '.')) {
            for (int n = 0; ; n++) {
                String numbered = String.format("%05d.bin", n);
                if (!Files.exists(folder.resolve(numbered))) {
                    return numbered;
                }
            }
        }
        return name.endsWith(".bin") ? name : name + ".bin";
    }

    private static List<Path> files(Path root, String split, int maxPerClass) throws IOException {
        requireSplit(split);
        return LabelFolders.files(root, split, maxPerClass, p -> p.getFileName().toString().endsWith(".bin"),
                "the N-MNIST layout <root>/" + split + "/<label 0-9, ...>/*.bin");
    }

    private static void requireSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("N-MNIST split must be Train or Test, found '" + split + "'");
        }
    }
}
