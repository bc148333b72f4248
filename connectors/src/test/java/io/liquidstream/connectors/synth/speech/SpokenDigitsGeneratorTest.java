package io.liquidstream.connectors.synth.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.synth.speech.SpeakerCatalog.Speaker;
import io.liquidstream.connectors.synth.speech.SpokenDigitsGenerator.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parts of the generator that need no synthesiser: labels and the speaker split. */
class SpokenDigitsGeneratorTest {

    @Test
    void labelsFollowTheNtidigitsReader() {
        assertThat(SpokenDigitsGenerator.label("zero")).isZero();
        assertThat(SpokenDigitsGenerator.label("one")).isEqualTo(1);
        assertThat(SpokenDigitsGenerator.label("nine")).isEqualTo(9);
        assertThat(SpokenDigitsGenerator.label("oh")).isEqualTo(10);
        assertThat(SpokenDigitsGenerator.labelChar(0)).isEqualTo('z');
        assertThat(SpokenDigitsGenerator.labelChar(7)).isEqualTo('7');
        assertThat(SpokenDigitsGenerator.labelChar(10)).isEqualTo('o');
    }

    @Test
    void givenTheSplit_noSpeakerIsInBothTrainAndTest() {
        Split split = SpokenDigitsGenerator.speakers(28, 8, 42);

        Set<String> train = speakerIds(split.train());
        Set<String> test = speakerIds(split.test());
        assertThat(train).hasSize(28);
        assertThat(test).hasSize(8);
        assertThat(train).doesNotContainAnyElementsOf(test);
        Set<String> trainVariants = split.trainSpeakers().stream().map(Speaker::variant).collect(Collectors.toSet());
        assertThat(split.testSpeakers()).noneMatch(s -> trainVariants.contains(s.variant()));
    }

    private static Set<String> speakerIds(List<EspeakSpeaker.Voice> voices) {
        return voices.stream().map(EspeakSpeaker.Voice::speakerId).collect(Collectors.toSet());
    }

    @Test
    void givenTheDefaultGrid_eachSpeakerSpeaksAtEverySpeedAndPitch() {
        Split split = SpokenDigitsGenerator.speakers(28, 8, 42);

        int perSpeaker = SpokenDigitsGenerator.SPEEDS.size() * SpokenDigitsGenerator.PITCHES.size();
        assertThat(split.train()).hasSize(28 * perSpeaker);
        assertThat(split.test()).hasSize(8 * perSpeaker);
        assertThat(new HashSet<>(split.train())).hasSize(split.train().size());
    }

    @Test
    void givenTheSameSeed_theSplitIsTheSame_andAnotherSeedGivesAnother() {
        assertThat(SpokenDigitsGenerator.speakers(28, 8, 1)).isEqualTo(SpokenDigitsGenerator.speakers(28, 8, 1));
        assertThat(SpokenDigitsGenerator.speakers(28, 8, 1).testSpeakers())
                .isNotEqualTo(SpokenDigitsGenerator.speakers(28, 8, 2).testSpeakers());
    }

    @Test
    void givenTheSplit_bothSidesHaveWomenAndMen() {
        Split split = SpokenDigitsGenerator.speakers(28, 8, 7);

        assertThat(split.testSpeakers()).extracting(Speaker::gender).contains('F', 'M');
        assertThat(split.trainSpeakers()).extracting(Speaker::gender).contains('F', 'M');
    }

    @Test
    void givenMoreSpeakersThanTheCatalogueHas_saysHowManyThereAre() {
        int all = SpeakerCatalog.english().size();

        assertThatThrownBy(() -> SpokenDigitsGenerator.speakers(all, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offers " + all + " speakers");
    }

    @Test
    void voiceIdsKeepTheSpeakerFreeOfDashes() {
        EspeakSpeaker.Voice voice = new EspeakSpeaker.Voice("en-gb-x-rp", "f2", 145, 35);

        assertThat(voice.speakerId()).isEqualTo("en_gb_x_rp_f2");
        assertThat(voice.id()).isEqualTo("en_gb_x_rp_f2-145-35");
        assertThat(voice.espeakName()).isEqualTo("en-gb-x-rp+f2");
    }

    @Test
    void givenAVariantThatCouldBreakTheCommandOrId_voiceRejectsIt() {
        assertThatThrownBy(() -> new EspeakSpeaker.Voice("en-us", "m3-x", 145, 35))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'m3-x'");
    }
}
