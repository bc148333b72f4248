package io.liquidstream.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.readout.AffineMap;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.RramDeviceModel;
import io.liquidstream.core.reservoir.WeightStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a {@link ModelBundle} into its manifest and arrays and back, validating everything on the way
 * in. The manifest is written canonically (object keys sorted, no whitespace, UTF-8), so its top-level
 * {@code version} member comes last and the hashed text is obtained by blanking that one value.
 */
final class BundleCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_PREFIX = ",\"version\":\"";
    private static final String ANCHORS_DIR = "arrays/anchors/";

    /** What goes into the zip. */
    record Encoded(byte[] manifest, SortedMap<String, byte[]> arrays, String version) {
    }

    /** Supplies the bytes of a zip entry, or fails naming it. */
    @FunctionalInterface
    interface Entries {
        byte[] get(String name) throws BundleFormatException;
    }

    private BundleCodec() {
    }

    static Encoded encode(ModelBundle bundle) {
        SortedMap<String, byte[]> arrays = new TreeMap<>();
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", bundle.modalities().stream().anyMatch(m -> m.reservoirs() > 1)
                ? ModelBundle.FORMAT_VERSION : ModelBundle.SINGLE_RESERVOIR_FORMAT_VERSION);
        root.put("temperature", bundle.temperature());
        ObjectNode metadata = root.putObject("metadata");
        bundle.metadata().forEach(metadata::put);
        ArrayNode modalities = root.putArray("modalities");
        for (ModalityModel m : bundle.modalities()) {
            modalities.add(encodeModality(m, arrays));
        }
        ArrayNode anchors = root.putArray("anchors");
        ObjectNode anchorVectors = root.putObject("anchorVectors");
        Map<String, List<BundleAnchor>> byModality = new LinkedHashMap<>();
        for (BundleAnchor a : bundle.anchors()) {
            List<BundleAnchor> rows = byModality.computeIfAbsent(a.modality(), k -> new ArrayList<>());
            anchors.addObject().put("anchorId", a.anchorId()).put("classLabel", a.classLabel())
                    .put("modality", a.modality()).put("row", rows.size());
            rows.add(a);
        }
        byModality.forEach((modality, rows) -> {
            int d = rows.get(0).vector().length;
            float[] data = new float[rows.size() * d];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i).vector(), 0, data, i * d, d);
            }
            anchorVectors.set(modality, arrayRef(ANCHORS_DIR + modality + ".npy",
                    NpyArray.matrix(rows.size(), d, data), arrays));
        });
        bundle.openSet().ifPresent(c -> {
            // Written only when present, so bundles without one keep their versions.
            ObjectNode open = root.putObject("openSet");
            ArrayNode trained = open.putArray("trainedClasses");
            c.trainedClasses().forEach(trained::add);
            ObjectNode margins = open.putObject("seenMargins");
            c.seenMargins().forEach(margins::put);
        });
        root.put("version", "");
        String unversioned = canonical(root);
        String version = sha256(unversioned.getBytes(StandardCharsets.UTF_8));
        String manifest = withVersion(unversioned, version);
        return new Encoded(manifest.getBytes(StandardCharsets.UTF_8), arrays, version);
    }

    static ModelBundle decode(Entries entries) throws BundleFormatException {
        byte[] manifestBytes = entries.get(ModelBundle.MANIFEST);
        String manifest = new String(manifestBytes, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (JsonProcessingException e) {
            throw manifestError("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw manifestError("expected a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        long format = integer(root, "", "formatVersion");
        if (format < ModelBundle.SINGLE_RESERVOIR_FORMAT_VERSION || format > ModelBundle.FORMAT_VERSION) {
            throw manifestError("unsupported formatVersion " + format + ", this reader supports "
                    + ModelBundle.SINGLE_RESERVOIR_FORMAT_VERSION + " to " + ModelBundle.FORMAT_VERSION);
        }
        String declared = text(root, "", "version");
        String suffix = VERSION_PREFIX + declared + "\"}";
        if (!manifest.endsWith(suffix)) {
            throw manifestError("expected the canonical form ending in the member \"version\":\"<sha256>\"");
        }
        String actual = sha256((manifest.substring(0, manifest.length() - suffix.length()) + VERSION_PREFIX + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        if (!actual.equals(declared)) {
            throw manifestError("content hash mismatch: declared version " + declared + ", manifest hashes to "
                    + actual + " (modified or corrupted)");
        }
        try {
            return decodeBundle(root, entries);
        } catch (IllegalArgumentException e) {
            throw manifestError("inconsistent content: " + e.getMessage());
        }
    }

    private static ModelBundle decodeBundle(JsonNode root, Entries entries) throws BundleFormatException {
        List<ModalityModel> modalities = new ArrayList<>();
        JsonNode list = array(root, "", "modalities");
        for (int i = 0; i < list.size(); i++) {
            modalities.add(decodeModality(list.get(i), "modalities[" + i + "]", entries));
        }
        Map<String, float[][]> vectors = new TreeMap<>();
        JsonNode anchorVectors = object(root, "", "anchorVectors");
        for (Iterator<String> it = anchorVectors.fieldNames(); it.hasNext(); ) {
            String modality = it.next();
            JsonNode ref = anchorVectors.get(modality);
            long[] shape = declaredShape(ref, "anchorVectors." + modality);
            if (shape.length != 2) {
                throw manifestError("anchorVectors." + modality + ".shape must have 2 dims, found " + shape.length);
            }
            NpyArray a = loadArray(ref, "anchorVectors." + modality, shape, entries);
            int rows = a.shape()[0];
            int d = a.shape()[1];
            float[][] m = new float[rows][];
            for (int r = 0; r < rows; r++) {
                m[r] = Arrays.copyOfRange(a.data(), r * d, (r + 1) * d);
            }
            vectors.put(modality, m);
        }
        List<BundleAnchor> anchors = new ArrayList<>();
        JsonNode anchorList = array(root, "", "anchors");
        for (int i = 0; i < anchorList.size(); i++) {
            JsonNode a = anchorList.get(i);
            String path = "anchors[" + i + "]";
            String modality = text(a, path, "modality");
            long row = integer(a, path, "row");
            float[][] m = vectors.get(modality);
            if (m == null || row < 0 || row >= m.length) {
                throw manifestError(path + ".row " + row + " is not a row of anchorVectors." + modality + " ("
                        + (m == null ? "absent" : m.length + " rows") + ")");
            }
            anchors.add(new BundleAnchor(text(a, path, "anchorId"), Math.toIntExact(integer(a, path, "classLabel")),
                    modality, m[(int) row]));
        }
        Map<String, String> metadata = new TreeMap<>();
        JsonNode meta = object(root, "", "metadata");
        for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            metadata.put(key, text(meta, "metadata", key));
        }
        OpenSetCalibration openSet = null;
        if (root.has("openSet")) {
            JsonNode open = object(root, "", "openSet");
            JsonNode trained = array(open, "openSet", "trainedClasses");
            java.util.SortedSet<Integer> classes = new java.util.TreeSet<>();
            for (int i = 0; i < trained.size(); i++) {
                if (!trained.get(i).canConvertToInt()) {
                    throw manifestError("openSet.trainedClasses[" + i + "] must be an integer, found " + trained.get(i));
                }
                classes.add(trained.get(i).intValue());
            }
            JsonNode marginNode = object(open, "openSet", "seenMargins");
            SortedMap<String, Double> margins = new TreeMap<>();
            for (Iterator<String> it = marginNode.fieldNames(); it.hasNext(); ) {
                String m = it.next();
                margins.put(m, number(marginNode, "openSet.seenMargins", m));
            }
            openSet = new OpenSetCalibration(classes, margins);
        }
        return new ModelBundle(modalities, number(root, "", "temperature"), anchors, metadata, openSet);
    }

    private static ObjectNode encodeModality(ModalityModel m, SortedMap<String, byte[]> arrays) {
        String dir = "arrays/" + m.name() + "/";
        ObjectNode node = JSON.createObjectNode();
        node.put("name", m.name());
        node.put("inputSpec", m.input().describe());
        if (m.readoutSegments() != 1) {
            // Written only when not the default, so bundles with the seed's read-out keep their versions.
            node.put("readoutSegments", m.readoutSegments());
        }
        if (m.reservoirs() != 1) {
            // Written only for a bank (format version 2), so single-reservoir bundles keep their versions.
            node.put("reservoirs", m.reservoirs());
        }
        ReservoirSpec r = m.reservoir();
        ObjectNode res = node.putObject("reservoir");
        res.put("inputs", r.inputs()).put("neurons", r.neurons()).put("bins", r.bins()).put("decay", r.decay())
                .put("threshold", r.threshold()).put("scale", r.scale()).put("seed", r.seed());
        res.putObject("inputStats").put("mean", r.inputStats().mean()).put("std", r.inputStats().std());
        res.putObject("recurrentStats").put("mean", r.recurrentStats().mean()).put("std", r.recurrentStats().std());
        ObjectNode ws = node.putObject("weightSource");
        if (m.weights() instanceof WeightSourceSpec.Ideal) {
            ws.put("kind", "ideal");
        } else if (m.weights() instanceof WeightSourceSpec.Rram rram) {
            RramDeviceModel d = rram.device();
            ws.put("kind", "rram");
            ws.putObject("device").put("gMin", d.gMin()).put("gMax", d.gMax()).put("levels", d.levels())
                    .put("programmingSigmaAbsolute", d.programmingSigmaAbsolute())
                    .put("programmingSigmaRelative", d.programmingSigmaRelative()).put("readNoise", d.readNoise());
            if (d.stuckFraction() > 0) {
                // Written only when there are faults, so bundles of fault-free devices keep their versions.
                ws.with("device").put("stuckFraction", d.stuckFraction());
            }
        } else if (m.weights() instanceof WeightSourceSpec.Stored stored) {
            ws.put("kind", "stored");
            ws.put("readNoise", stored.readNoise());
            ws.set("input", arrayRef(dir + "reservoir/input.npy", NpyArray.matrix(r.inputs(), r.neurons(), stored.input()),
                    arrays));
            ws.set("recurrent", arrayRef(dir + "reservoir/recurrent.npy",
                    NpyArray.matrix(r.neurons(), r.neurons(), stored.recurrent()), arrays));
        }
        DenseStack p = m.projection();
        ObjectNode proj = node.putObject("projection");
        proj.put("activation", p.activation());
        ArrayNode dims = proj.putArray("layerDims");
        for (int d : p.layerDims()) {
            dims.add(d);
        }
        ArrayNode refs = proj.putArray("arrays");
        for (int i = 0; i < p.weights().size(); i++) {
            String name = dir + "projection/layer" + i / 2 + (i % 2 == 0 ? ".weights" : ".bias") + ".npy";
            refs.add(arrayRef(name, new NpyArray(DenseStack.shape(p.layerDims(), i), p.weights().get(i)), arrays));
        }
        if (m.decoder() != null) {
            // Absent without a decoder, so bundles written before decoders existed keep their versions.
            LinearReadout d = m.decoder();
            ObjectNode dec = node.putObject("decoder");
            ArrayNode names = dec.putArray("names");
            d.names().forEach(names::add);
            dec.put("bins", d.bins()).put("segments", d.segments()).put("binMicros", d.binMicros());
            dec.set("weights", arrayRef(dir + "decoder/weights.npy",
                    NpyArray.matrix(d.inputs(), d.outputs(), d.map().weights()), arrays));
            dec.set("bias", arrayRef(dir + "decoder/bias.npy", new NpyArray(new int[] {d.outputs()}, d.map().bias()),
                    arrays));
        }
        return node;
    }

    private static ModalityModel decodeModality(JsonNode node, String path, Entries entries)
            throws BundleFormatException {
        String name = text(node, path, "name");
        InputSpec input;
        try {
            input = InputSpec.parse(text(node, path, "inputSpec"));
        } catch (IllegalArgumentException e) {
            throw manifestError(path + ".inputSpec: " + e.getMessage());
        }
        JsonNode r = object(node, path, "reservoir");
        String rp = path + ".reservoir";
        ReservoirSpec reservoir = new ReservoirSpec(intValue(r, rp, "inputs"), intValue(r, rp, "neurons"),
                intValue(r, rp, "bins"), number(r, rp, "decay"), number(r, rp, "threshold"), number(r, rp, "scale"),
                stats(object(r, rp, "inputStats"), rp + ".inputStats"),
                stats(object(r, rp, "recurrentStats"), rp + ".recurrentStats"), integer(r, rp, "seed"));
        JsonNode ws = object(node, path, "weightSource");
        String wp = path + ".weightSource";
        String kind = text(ws, wp, "kind");
        WeightSourceSpec weights = switch (kind) {
            case "ideal" -> new WeightSourceSpec.Ideal();
            case "rram" -> {
                JsonNode d = object(ws, wp, "device");
                String dp = wp + ".device";
                yield new WeightSourceSpec.Rram(new RramDeviceModel(number(d, dp, "gMin"), number(d, dp, "gMax"),
                        intValue(d, dp, "levels"), number(d, dp, "programmingSigmaAbsolute"),
                        number(d, dp, "programmingSigmaRelative"), number(d, dp, "readNoise"),
                        d.has("stuckFraction") ? number(d, dp, "stuckFraction") : 0.0));
            }
            case "stored" -> new WeightSourceSpec.Stored(
                    loadArray(object(ws, wp, "input"), wp + ".input",
                            new long[] {reservoir.inputs(), reservoir.neurons()}, entries).data(),
                    loadArray(object(ws, wp, "recurrent"), wp + ".recurrent",
                            new long[] {reservoir.neurons(), reservoir.neurons()}, entries).data(),
                    number(ws, wp, "readNoise"));
            default -> throw manifestError(wp + ".kind: expected 'ideal', 'rram' or 'stored', found '" + kind + "'");
        };
        JsonNode proj = object(node, path, "projection");
        String pp = path + ".projection";
        JsonNode dimsNode = array(proj, pp, "layerDims");
        int[] dims = new int[dimsNode.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!dimsNode.get(i).canConvertToInt()) {
                throw manifestError(pp + ".layerDims[" + i + "]: expected an integer, found " + dimsNode.get(i));
            }
            dims[i] = dimsNode.get(i).intValue();
        }
        JsonNode refs = array(proj, pp, "arrays");
        if (dims.length < 2 || refs.size() != 2 * (dims.length - 1)) {
            throw manifestError(pp + ": layerDims " + Arrays.toString(dims) + " need " + 2 * Math.max(0, dims.length - 1)
                    + " arrays, found " + refs.size());
        }
        List<float[]> layerWeights = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            long[] expected = Arrays.stream(DenseStack.shape(dims, i)).asLongStream().toArray();
            layerWeights.add(loadArray(refs.get(i), pp + ".arrays[" + i + "]", expected, entries).data());
        }
        int segments = 1;
        if (node.has("readoutSegments")) {
            segments = intValue(node, path, "readoutSegments");
        }
        int reservoirs = node.has("reservoirs") ? intValue(node, path, "reservoirs") : 1;
        LinearReadout decoder = node.has("decoder") ? decodeDecoder(object(node, path, "decoder"), path + ".decoder",
                reservoir.neurons(), entries) : null;
        try {
            return new ModalityModel(name, input, reservoir, weights,
                    new DenseStack(dims, text(proj, pp, "activation"), layerWeights), segments, decoder, reservoirs);
        } catch (IllegalArgumentException e) {
            throw manifestError(path + ": " + e.getMessage());
        }
    }

    private static LinearReadout decodeDecoder(JsonNode node, String path, int neurons, Entries entries)
            throws BundleFormatException {
        JsonNode namesNode = array(node, path, "names");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < namesNode.size(); i++) {
            if (!namesNode.get(i).isTextual()) {
                throw manifestError(path + ".names[" + i + "]: expected a string, found " + namesNode.get(i));
            }
            names.add(namesNode.get(i).textValue());
        }
        int bins = intValue(node, path, "bins");
        int segments = intValue(node, path, "segments");
        long binMicros = integer(node, path, "binMicros");
        long inputs = (long) neurons * segments;
        float[] w = loadArray(object(node, path, "weights"), path + ".weights", new long[] {inputs, names.size()},
                entries).data();
        float[] b = loadArray(object(node, path, "bias"), path + ".bias", new long[] {names.size()}, entries).data();
        try {
            return new LinearReadout(names, bins, segments, binMicros, new AffineMap((int) inputs, names.size(), w, b));
        } catch (IllegalArgumentException e) {
            throw manifestError(path + ": " + e.getMessage());
        }
    }

    /** Adds the array to the zip content and returns its manifest reference. */
    private static ObjectNode arrayRef(String entry, NpyArray array, SortedMap<String, byte[]> arrays) {
        byte[] bytes = array.toBytes();
        arrays.put(entry, bytes);
        ObjectNode ref = JSON.createObjectNode();
        ref.put("entry", entry);
        ArrayNode shape = ref.putArray("shape");
        for (int d : array.shape()) {
            shape.add(d);
        }
        ref.put("sha256", sha256(bytes));
        return ref;
    }

    /**
     * Loads a referenced array, checking in turn: declared shape as expected, entry present, a float32
     * C-order {@code .npy}, its shape the declared one, its bytes matching the declared digest.
     */
    private static NpyArray loadArray(JsonNode ref, String path, long[] expectedShape, Entries entries)
            throws BundleFormatException {
        if (ref == null || !ref.isObject()) {
            throw manifestError(path + ": expected an array reference {entry, shape, sha256}");
        }
        long[] declared = declaredShape(ref, path);
        if (!Arrays.equals(declared, expectedShape)) {
            throw manifestError(path + ".shape: expected " + Arrays.toString(expectedShape) + ", found "
                    + Arrays.toString(declared));
        }
        String entry = text(ref, path, "entry");
        byte[] bytes = entries.get(entry);
        NpyArray array = NpyArray.parse(bytes, entry);
        long[] actual = Arrays.stream(array.shape()).asLongStream().toArray();
        if (!Arrays.equals(actual, declared)) {
            throw new BundleFormatException(entry, "expected shape " + Arrays.toString(declared)
                    + " as the manifest declares, found " + Arrays.toString(actual));
        }
        String digest = sha256(bytes);
        String declaredDigest = text(ref, path, "sha256");
        if (!digest.equals(declaredDigest)) {
            throw new BundleFormatException(entry, "content does not match its digest (corrupted or modified): "
                    + "manifest declares sha256 " + declaredDigest + ", entry hashes to " + digest);
        }
        return array;
    }

    private static long[] declaredShape(JsonNode ref, String path) throws BundleFormatException {
        JsonNode shape = array(ref, path, "shape");
        long[] out = new long[shape.size()];
        for (int i = 0; i < out.length; i++) {
            if (!shape.get(i).canConvertToInt() || shape.get(i).intValue() < 0) {
                throw manifestError(path + ".shape[" + i + "]: expected a non-negative integer, found " + shape.get(i));
            }
            out[i] = shape.get(i).intValue();
        }
        return out;
    }

    private static WeightStats stats(JsonNode node, String path) throws BundleFormatException {
        return new WeightStats(number(node, path, "mean"), number(node, path, "std"));
    }

    private static JsonNode field(JsonNode node, String path, String name) throws BundleFormatException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw manifestError("missing field " + (path.isEmpty() ? name : path + "." + name));
        }
        return v;
    }

    private static String where(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String text(JsonNode node, String path, String name) throws BundleFormatException {
        JsonNode v = field(node, path, name);
        if (!v.isTextual()) {
            throw manifestError(where(path, name) + ": expected a string, found " + v);
        }
        return v.textValue();
    }

    private static long integer(JsonNode node, String path, String name) throws BundleFormatException {
        JsonNode v = field(node, path, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw manifestError(where(path, name) + ": expected an integer, found " + v);
        }
        return v.longValue();
    }

    private static int intValue(JsonNode node, String path, String name) throws BundleFormatException {
        long v = integer(node, path, name);
        if (v != (int) v) {
            throw manifestError(where(path, name) + ": expected a 32-bit integer, found " + v);
        }
        return (int) v;
    }

    private static double number(JsonNode node, String path, String name) throws BundleFormatException {
        JsonNode v = field(node, path, name);
        if (!v.isNumber()) {
            throw manifestError(where(path, name) + ": expected a number, found " + v);
        }
        return v.doubleValue();
    }

    private static JsonNode object(JsonNode node, String path, String name) throws BundleFormatException {
        JsonNode v = field(node, path, name);
        if (!v.isObject()) {
            throw manifestError(where(path, name) + ": expected an object, found " + v.getNodeType());
        }
        return v;
    }

    private static JsonNode array(JsonNode node, String path, String name) throws BundleFormatException {
        JsonNode v = field(node, path, name);
        if (!v.isArray()) {
            throw manifestError(where(path, name) + ": expected an array, found " + v.getNodeType());
        }
        return v;
    }

    private static BundleFormatException manifestError(String message) {
        return new BundleFormatException(ModelBundle.MANIFEST, message);
    }

    /** Compact JSON with every object's keys in sorted order. */
    private static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory must serialise", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            fields.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    private static String withVersion(String unversioned, String version) {
        String blank = VERSION_PREFIX + "\"}";
        if (!unversioned.endsWith(blank)) {
            throw new IllegalStateException("canonical manifest must end with the version member, found "
                    + unversioned.substring(Math.max(0, unversioned.length() - 40)));
        }
        return unversioned.substring(0, unversioned.length() - blank.length()) + VERSION_PREFIX + version + "\"}";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
