package io.liquidstream.connectors.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A data set file that does not follow its format: names the file, where the damage is (a byte offset
 * for binary event files, a dataset path for HDF5 files) and what was expected there.
 */
public final class EventFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final long offset;
    private final String dataset;

    private EventFormatException(Path path, long offset, String dataset, String message) {
        super(message);
        this.path = path;
        this.offset = offset;
        this.dataset = dataset;
    }

    /** Damage at a byte offset of a binary file; {@code detail} says what was expected and found. */
    public static EventFormatException atOffset(Path file, long offset, String detail) {
        return new EventFormatException(file, offset, null, file + " at byte " + offset + ": " + detail);
    }

    /** Damage in (or absence of) an HDF5 dataset or group; {@code detail} says what was expected. */
    public static EventFormatException inDataset(Path file, String dataset, String detail) {
        return new EventFormatException(file, -1, dataset, file + " dataset '" + dataset + "': " + detail);
    }

    public Path path() {
        return path;
    }

    /** Byte offset of the damage, or -1 when it is located by {@link #dataset()} instead. */
    public long offset() {
        return offset;
    }

    /** HDF5 dataset or group path of the damage, when the file is HDF5. */
    public Optional<String> dataset() {
        return Optional.ofNullable(dataset);
    }
}
