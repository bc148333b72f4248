package io.liquidstream.core.stream;

import io.liquidstream.schemas.Modality;
import java.util.Locale;

/** Maps the Avro {@link Modality} symbols to the modality names of model bundles ({@code VISION} to {@code vision}). */
public final class Modalities {

    private Modalities() {
    }

    /** The bundle name of a schema modality: its symbol in lower case. */
    public static String name(Modality modality) {
        return modality.name().toLowerCase(Locale.ROOT);
    }

    /** The schema modality of a bundle name, or {@link Modality#UNKNOWN} when the schema has no such symbol. */
    public static Modality of(String name) {
        for (Modality m : Modality.values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return Modality.UNKNOWN;
    }
}
