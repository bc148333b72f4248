package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairedDataTest {

    @Test
    void givenDigits_theSeedsSplitIsTheDefault() {
        PairedData digits = strokes(IntStream.rangeClosed(0, 9));

        assertThat(digits.defaultZeroShotClasses()).containsExactly(8, 9);
        assertThat(digits.defaultTrainClasses(Set.of(8, 9))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void givenLetters_theLastFourAreHeldOutAndTheRestTrain() {
        PairedData letters = strokes(IntStream.rangeClosed(10, 35));

        assertThat(letters.defaultZeroShotClasses()).containsExactly(32, 33, 34, 35);
        assertThat(letters.defaultTrainClasses(letters.defaultZeroShotClasses())).hasSize(22).startsWith(10)
                .endsWith(31);
    }

    @Test
    void givenDigitsAndLetters_digitsEightAndNineStayUnseenAndEverythingElseTrains() {
        PairedData all = strokes(IntStream.rangeClosed(0, 35));

        assertThat(all.defaultZeroShotClasses()).containsExactly(32, 33, 34, 35);
        assertThat(all.defaultTrainClasses(Set.of(8, 9))).hasSize(34).doesNotContain(8, 9);
    }

    private static PairedData strokes(IntStream labels) {
        List<LabeledSample> samples = labels.mapToObj(c -> new LabeledSample("s" + c, c,
                Events.builder(SensorGeometry.channels(192), 0).build())).toList();
        return PairedData.neuralVision(Path.of("x"), samples, List.of(), samples, List.of());
    }
}
