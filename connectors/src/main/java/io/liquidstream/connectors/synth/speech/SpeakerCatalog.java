package io.liquidstream.connectors.synth.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * The English speakers espeak-ng offers, each a distinct (accent, variant) pair.
 *
 * <p>Every variant is used by exactly one speaker, so two speakers never share a timbre; accents are
 * dealt round-robin over the variants. Novelty variants (robots, whispers, echoes, effects) and the
 * MBROLA voices (which need a separate synthesiser) are left out.
 */
public final class SpeakerCatalog {

    /** One speaker: an accent, a variant and the variant's gender ({@code 'F'} or {@code 'M'}). */
    public record Speaker(String language, String variant, char gender) {

        public EspeakSpeaker.Voice voice(int wordsPerMinute, int pitch) {
            return new EspeakSpeaker.Voice(language, variant, wordsPerMinute, pitch);
        }

        public String id() {
            return voice(175, 50).speakerId();
        }
    }

    /** The espeak-ng English accents (voices in espeak-ng 1.51 that need no MBROLA). */
    public static final List<String> ACCENTS = List.of("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp",
            "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc");

    /** Female variants (espeak-ng variant file names). */
    public static final List<String> FEMALE_VARIANTS = List.of("f1", "f2", "f3", "f4", "f5", "Alicia", "Andrea",
            "Annie", "aunty", "belinda", "linda", "steph", "steph2", "steph3", "anika", "grandma");

    /** Male variants (espeak-ng variant file names). */
    public static final List<String> MALE_VARIANTS = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8",
            "adam", "Alex", "Andy", "antonio", "benjamin", "boris", "caleb", "david", "Denis", "Diogo", "ed",
            "edward", "Gene", "Henrique", "Hugo", "iven", "john", "Lee", "Marco", "Michael", "Mike", "pablo",
            "paul", "pedro");

    private SpeakerCatalog() {
    }

    /** All speakers, women first, in a fixed order. */
    public static List<Speaker> english() {
        List<Speaker> speakers = new ArrayList<>(FEMALE_VARIANTS.size() + MALE_VARIANTS.size());
        for (String variant : FEMALE_VARIANTS) {
            speakers.add(new Speaker(ACCENTS.get(speakers.size() % ACCENTS.size()), variant, 'F'));
        }
        for (String variant : MALE_VARIANTS) {
            speakers.add(new Speaker(ACCENTS.get(speakers.size() % ACCENTS.size()), variant, 'M'));
        }
        return List.copyOf(speakers);
    }
}
