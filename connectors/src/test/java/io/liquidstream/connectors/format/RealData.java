package io.liquidstream.connectors.format;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real recordings in {@code shared/data/real} beside the repository, when present. */
public final class RealData {

    private RealData() {
    }

    /** The named real file; skips the calling test (assumption) when the folder is not beside the repo. */
    public static Path file(String name) {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("real").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/data/real/" + name + " is not beside this checkout; real-data test skipped");
        throw new IllegalStateException("unreachable");
    }
}
