package io.liquidstream.connectors.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --segments} option: how many consecutive parts of each window a modality's reservoir is
 * read out in ({@code K} for both modalities, or {@code neural=10,vision=1}); a modality not named gets
 * its pairing's default ({@link PairedData.Side#defaultSegments()}).
 */
public record ReadoutSegments(Integer all, Map<String, Integer> byModality) {

    public ReadoutSegments {
        byModality = Collections.unmodifiableMap(new LinkedHashMap<>(byModality));
    }

    /** Every modality at its pairing's default. */
    public static ReadoutSegments defaults() {
        return new ReadoutSegments(null, Map.of());
    }

    /** {@code K} for every modality. */
    public static ReadoutSegments uniform(int segments) {
        return new ReadoutSegments(check(segments, "--segments"), Map.of());
    }

    /**
     * Reads {@code K} or {@code M=K,M=K}; null or blank gives {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the part that is not a modality and a positive count
     */
    public static ReadoutSegments parse(String text) {
        if (text == null || text.isBlank()) {
            return defaults();
        }
        if (!text.contains("=")) {
            return uniform(number(text.trim(), text));
        }
        Map<String, Integer> by = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            String modality = eq < 0 ? "" : item.substring(0, eq).trim();
            if (!List.of("vision", "audio", "neural").contains(modality)) {
                throw new IllegalArgumentException("--segments expects K or MODALITY=K,... with a modality of vision, "
                        + "audio or neural, found '" + item + "' in '" + text + "'");
            }
            if (by.put(modality, number(item.substring(eq + 1).trim(), text)) != null) {
                throw new IllegalArgumentException("modality '" + modality + "' named twice in --segments '" + text + "'");
            }
        }
        return new ReadoutSegments(null, by);
    }

    /** The segments of {@code side}'s modality. */
    public int of(PairedData.Side side) {
        Integer k = byModality.get(side.modality());
        return k != null ? k : all != null ? all : side.defaultSegments();
    }

    /** E.g. {@code neural 20, vision 1}. */
    public String describe(PairedData data) {
        return data.a().modality() + " " + of(data.a()) + ", " + data.b().modality() + " " + of(data.b());
    }

    private static int number(String s, String text) {
        try {
            return check(Integer.parseInt(s), "--segments '" + text + "'");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--segments expects K or MODALITY=K,..., found '" + text + "'");
        }
    }

    private static int check(int k, String where) {
        if (k <= 0) {
            throw new IllegalArgumentException(where + ": segments must be positive, found " + k);
        }
        return k;
    }
}
