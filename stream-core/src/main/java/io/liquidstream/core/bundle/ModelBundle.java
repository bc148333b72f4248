package io.liquidstream.core.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Everything needed to serve a trained model, in one file: per modality the input spec, reservoir spec
 * (seed included), weight source and projection head; the contrastive temperature; class anchors; and
 * training metadata. The file is a zip of {@code manifest.json} and {@code .npy} arrays (see
 * {@code docs/model-bundle.md}); its {@link #version()} is a SHA-256 content hash, so equal content
 * always has the same version and any change to manifest or arrays changes it.
 */
public final class ModelBundle {

    /**
     * The newest manifest {@code formatVersion} this code writes and reads: 2 adds {@code reservoirs}
     * (a bank of independent reservoirs per modality). A bundle is written as version 1, which older readers
     * take, unless a modality has more than one reservoir; both versions are read.
     */
    public static final int FORMAT_VERSION = 2;

    /** The version of bundles every modality of which has one reservoir. */
    public static final int SINGLE_RESERVOIR_FORMAT_VERSION = 1;

    static final String MANIFEST = "manifest.json";

    private final List<ModalityModel> modalities;
    private final double temperature;
    private final List<BundleAnchor> anchors;
    private final SortedMap<String, String> metadata;
    private final OpenSetCalibration openSet;
    private volatile String version;

    /**
     * @param temperature the contrastive temperature τ the heads were trained with, finite and > 0
     * @param anchors each of a listed modality, with that modality's embedding dimension
     * @param metadata free-form training facts (data sets, classes, epochs, metrics, created time)
     */
    public ModelBundle(List<ModalityModel> modalities, double temperature, List<BundleAnchor> anchors,
            Map<String, String> metadata) {
        this(modalities, temperature, anchors, metadata, null);
    }

    /**
     * @param openSet the open-set calibration (trained classes, seen-class margins); null when the model
     *     has none, as bundles written before it existed
     */
    public ModelBundle(List<ModalityModel> modalities, double temperature, List<BundleAnchor> anchors,
            Map<String, String> metadata, OpenSetCalibration openSet) {
        this.openSet = openSet;
        this.modalities = List.copyOf(modalities);
        this.anchors = List.copyOf(anchors);
        this.metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        this.temperature = temperature;
        if (this.modalities.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one modality, found none");
        }
        if (!Double.isFinite(temperature) || temperature <= 0) {
            throw new IllegalArgumentException("temperature must be finite and > 0, found " + temperature);
        }
        Set<String> names = new HashSet<>();
        for (ModalityModel m : this.modalities) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("modality names must be unique, found '" + m.name() + "' twice");
            }
        }
        Set<String> ids = new HashSet<>();
        if (openSet != null) {
            for (String m : openSet.seenMargins().keySet()) {
                modality(m);
            }
        }
        for (BundleAnchor a : this.anchors) {
            if (!ids.add(a.anchorId())) {
                throw new IllegalArgumentException("anchor ids must be unique, found '" + a.anchorId() + "' twice");
            }
            ModalityModel m = modality(a.modality());
            if (a.vector().length != m.embeddingDimension()) {
                throw new IllegalArgumentException("anchor '" + a.anchorId() + "' of modality '" + a.modality()
                        + "' must have the embedding dimension " + m.embeddingDimension() + ", found "
                        + a.vector().length);
            }
        }
    }

    public List<ModalityModel> modalities() {
        return modalities;
    }

    /**
     * The modality called {@code name}.
     *
     * @throws IllegalArgumentException listing the bundle's modalities if there is none
     */
    public ModalityModel modality(String name) {
        return modalities.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of the bundle's modalities "
                        + modalities.stream().map(ModalityModel::name).toList() + ", found '" + name + "'"));
    }

    public double temperature() {
        return temperature;
    }

    public List<BundleAnchor> anchors() {
        return anchors;
    }

    public SortedMap<String, String> metadata() {
        return metadata;
    }

    /** The open-set calibration, when the bundle has one. */
    public Optional<OpenSetCalibration> openSet() {
        return Optional.ofNullable(openSet);
    }

    /** This bundle with {@code calibration} in place of its open-set calibration (null: none). */
    public ModelBundle withOpenSet(OpenSetCalibration calibration) {
        return new ModelBundle(modalities, temperature, anchors, metadata, calibration);
    }

    /**
     * This bundle with {@code decoder} as the regression read-out of modality {@code name} (null removes it).
     *
     * @throws IllegalArgumentException if the bundle has no such modality or the decoder does not fit it
     */
    public ModelBundle withDecoder(String name, io.liquidstream.core.readout.LinearReadout decoder) {
        modality(name);
        List<ModalityModel> changed = modalities.stream().map(m -> m.name().equals(name) ? m.withDecoder(decoder) : m)
                .toList();
        return new ModelBundle(changed, temperature, anchors, metadata, openSet);
    }

    /** Lower-case hex SHA-256 of the content, as defined in {@code docs/model-bundle.md}. */
    public String version() {
        String v = version;
        if (v == null) {
            v = BundleCodec.encode(this).version();
            version = v;
        }
        return v;
    }

    /** Writes the bundle as a zip file, replacing {@code file}; entries in a fixed order with fixed times. */
    public void write(Path file) throws IOException {
        BundleCodec.Encoded encoded = BundleCodec.encode(this);
        version = encoded.version();
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, MANIFEST, encoded.manifest());
            for (Map.Entry<String, byte[]> e : encoded.arrays().entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Reads and fully validates a bundle.
     *
     * @throws BundleFormatException naming the entry at fault: the file is not a readable zip, the
     *     manifest is missing, malformed or of another {@code formatVersion}, an array is missing, not
     *     a little-endian float32 {@code .npy} of the declared shape, or does not match its digest, or
     *     the content does not match the declared version
     */
    public static ModelBundle read(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BundleFormatException(file.toString(), "not a readable zip archive (truncated or corrupted?): "
                    + e.getMessage(), e);
        }
        try (zip) {
            return BundleCodec.decode(name -> entry(zip, name));
        }
    }

    private static byte[] entry(ZipFile zip, String name) throws BundleFormatException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new BundleFormatException(name, "entry missing from the bundle");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new BundleFormatException(name, "entry unreadable: " + ex.getMessage(), ex);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // reproducible files: equal bundles give equal bytes
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelBundle other && modalities.equals(other.modalities)
                && Double.compare(temperature, other.temperature) == 0 && anchors.equals(other.anchors)
                && metadata.equals(other.metadata) && Objects.equals(openSet, other.openSet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modalities, temperature, anchors, metadata, openSet);
    }

    @Override
    public String toString() {
        return "ModelBundle[modalities=" + modalities.stream().map(ModalityModel::name).toList() + ", anchors="
                + anchors.size() + ", temperature=" + temperature + "]";
    }
}
