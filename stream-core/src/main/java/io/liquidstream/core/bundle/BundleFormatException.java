package io.liquidstream.core.bundle;

import java.io.IOException;

/** A model bundle file that cannot be read: not a zip, an entry missing, malformed or not matching its hash. */
public final class BundleFormatException extends IOException {

    private final String entry;

    /**
     * @param entry the zip entry at fault (e.g. {@code manifest.json}), or the bundle file itself
     */
    public BundleFormatException(String entry, String message) {
        super(entry + ": " + message);
        this.entry = entry;
    }

    public BundleFormatException(String entry, String message, Throwable cause) {
        super(entry + ": " + message, cause);
        this.entry = entry;
    }

    /** The zip entry (or file) the problem was found in. */
    public String entry() {
        return entry;
    }
}
