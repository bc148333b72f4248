package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The walk the labelled folder layouts share ({@link LabelledFolder}, N-MNIST's): {@code root/<split>/<label>/<file>},
 * one folder per class named by its label in decimal, samples by label in numeric order ({@code 9} before
 * {@code 10}) and then by file name, with ids such as {@code Train/3/00012.bin}. Folders whose names are not
 * labels ({@code 07}, {@code x}) are ignored, and so are files the layout does not take.
 */
public final class LabelFolders {

    /** Decodes one sample file's events. */
    @FunctionalInterface
    public interface Decoder {
        Events read(Path file) throws IOException;
    }

    /** A label folder's name: a non-negative decimal number without leading zeros. */
    private static final Pattern LABEL_FOLDER = Pattern.compile("0|[1-9][0-9]{0,8}");

    private LabelFolders() {
    }

    /**
     * Up to {@code maxPerClass} sample files of each label ({@code <= 0}: all) of one split, in sample order.
     *
     * @param recording which files of a label folder are samples
     * @param layout the layout, for the error when the split folder is missing, e.g. "the N-MNIST layout
     *     {@code <root>/Train/<label 0-9, ...>/*.bin}"
     * @throws NoSuchFileException if {@code root/split} is not a folder
     */
    public static List<Path> files(Path root, String split, int maxPerClass, Predicate<Path> recording, String layout)
            throws IOException {
        Path splitFolder = root.resolve(split);
        if (!Files.isDirectory(splitFolder)) {
            throw new NoSuchFileException(splitFolder.toString(), null, "expected " + layout);
        }
        List<Path> labelFolders;
        try (Stream<Path> listing = Files.list(splitFolder)) {
            labelFolders = listing
                    .filter(p -> LABEL_FOLDER.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .toList();
        }
        List<Path> files = new ArrayList<>();
        for (Path labelFolder : labelFolders) {
            try (Stream<Path> listing = Files.list(labelFolder)) {
                List<Path> samples = listing
                        .filter(p -> recording.test(p) && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
                files.addAll(maxPerClass > 0 && samples.size() > maxPerClass ? samples.subList(0, maxPerClass) : samples);
            }
        }
        return files;
    }

    /** Every file decoded now, as samples with their ids and labels. */
    public static List<LabeledSample> read(Path root, List<Path> files, Decoder decoder) throws IOException {
        List<LabeledSample> samples = new ArrayList<>(files.size());
        for (Path file : files) {
            samples.add(sample(root, file, decoder));
        }
        return samples;
    }

    /**
     * The files decoded only when the stream reaches them. Damage surfaces as an {@link UncheckedIOException}
     * wrapping the format exception.
     */
    public static Stream<LabeledSample> stream(Path root, List<Path> files, Decoder decoder) {
        return files.stream().map(file -> {
            try {
                return sample(root, file, decoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static LabeledSample sample(Path root, Path file, Decoder decoder) throws IOException {
        Path relative = root.relativize(file);
        String id = relative.toString().replace(file.getFileSystem().getSeparator(), "/");
        int label = Integer.parseInt(relative.getParent().getFileName().toString());
        return new LabeledSample(id, label, decoder.read(file));
    }
}
