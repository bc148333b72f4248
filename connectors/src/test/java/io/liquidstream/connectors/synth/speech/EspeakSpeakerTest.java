package io.liquidstream.connectors.synth.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.synth.cochlea.CochleaModel;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the real espeak-ng; skipped where it is not installed. */
class EspeakSpeakerTest {

    private final EspeakSpeaker speaker = new EspeakSpeaker();
    private final EspeakSpeaker.Voice voice = new EspeakSpeaker.Voice("en-us", "m3", 145, 50);

    @BeforeEach
    void requireEspeak() {
        Assumptions.assumeTrue(EspeakSpeaker.available(), "espeak-ng is not on PATH");
    }

    @Test
    void givenSeven_speaksBetweenAFifthOfASecondAndTwoSecondsOfSound() throws IOException {
        EspeakSpeaker.Utterance u = speaker.speak("seven", voice);

        int first = -1;
        int last = -1;
        for (int n = 0; n < u.samples().length; n++) {
            if (Math.abs(u.samples()[n]) > 0.01f) {
                first = first < 0 ? n : first;
                last = n;
            }
        }
        assertThat(first).isNotNegative();
        assertThat((double) (last - first) / u.sampleRate()).isBetween(0.2, 2.0);
        for (float s : u.samples()) {
            assertThat(s).isBetween(-1f, 1f);
        }
    }

    @Test
    void givenAnUnknownLanguage_failsWithAnIOExceptionNamingTheVoice() {
        EspeakSpeaker.Voice unknown = new EspeakSpeaker.Voice("xx-yy", null, 145, 50);

        assertThatThrownBy(() -> speaker.speak("seven", unknown))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("xx-yy")
                .hasMessageContaining("exited with status");
    }

    @Test
    void everyCatalogueVariantIsInstalled() throws IOException, InterruptedException {
        // espeak-ng silently falls back to its default voice for an unknown variant, so check the list.
        Process p = new ProcessBuilder(EspeakSpeaker.COMMAND, "--voices=variant").start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();

        List<String> variants = new ArrayList<>(SpeakerCatalog.FEMALE_VARIANTS);
        variants.addAll(SpeakerCatalog.MALE_VARIANTS);
        for (String variant : variants) {
            assertThat(listing).as("variant %s", variant).containsPattern("!v/" + variant + "\\s");
        }
    }

    @Test
    void givenOneVoice_generatesEveryWordWithItsNtidigitsLabelAndId() throws IOException {
        CochleaModel cochlea = new CochleaModel(CochleaModel.Config.ntidigits());
        List<Integer> progress = new ArrayList<>();

        List<LabeledSample> samples = SpokenDigitsGenerator.generate(List.of(voice), cochlea, progress::add);

        assertThat(samples).hasSize(11);
        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        for (int label = 0; label <= 10; label++) {
            LabeledSample s = samples.get(label);
            assertThat(s.label()).isEqualTo(label);
            assertThat(s.id()).isEqualTo("en_us_m3-145-50-" + SpokenDigitsGenerator.labelChar(label));
            assertThat(s.events().geometry().width()).isEqualTo(64);
            assertThat(s.events().size()).as("events of %s", s.id()).isGreaterThan(300);
        }
        assertThat(samples.get(10).id()).endsWith("-o");
        assertThat(samples.get(0).id()).endsWith("-z");
    }

    @Test
    void givenOneOrTwoThreads_generatesTheSameSamples() throws IOException {
        CochleaModel cochlea = new CochleaModel(CochleaModel.Config.ntidigits());
        List<EspeakSpeaker.Voice> voices = List.of(new EspeakSpeaker.Voice("en-gb", "f3", 115, 65));

        List<LabeledSample> one = SpokenDigitsGenerator.generate(speaker, voices, cochlea, n -> { }, 1);
        List<LabeledSample> two = SpokenDigitsGenerator.generate(speaker, voices, cochlea, n -> { }, 2);

        assertThat(two).isEqualTo(one);
    }
}
