package io.liquidstream.connectors.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadoutSegmentsTest {

    private final PairedData strokes = PairedData.neuralVision(Path.of("x"), List.of(), List.of(), List.of(), List.of());

    @Test
    void givenNoOption_neuralTrialsAreReadOutInTenPartsAndImagesWhole() {
        ReadoutSegments s = ReadoutSegments.parse(null);

        assertThat(s.of(strokes.a())).isEqualTo(10);
        assertThat(s.of(strokes.b())).isEqualTo(1);
        assertThat(s.describe(strokes)).isEqualTo("neural 10, vision 1");
    }

    @Test
    void givenOneCount_itAppliesToBothModalities() {
        ReadoutSegments s = ReadoutSegments.parse("4");

        assertThat(s.of(strokes.a())).isEqualTo(4);
        assertThat(s.of(strokes.b())).isEqualTo(4);
    }

    @Test
    void givenCountsPerModality_anUnnamedModalityKeepsItsDefault() {
        ReadoutSegments s = ReadoutSegments.parse("vision=3");

        assertThat(s.of(strokes.a())).isEqualTo(10);
        assertThat(s.of(strokes.b())).isEqualTo(3);
        assertThat(ReadoutSegments.parse("neural=5, vision=2").describe(strokes)).isEqualTo("neural 5, vision 2");
    }

    @Test
    void givenMalformedOption_theMessageSaysWhatWasExpected() {
        assertThatThrownBy(() -> ReadoutSegments.parse("0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ReadoutSegments.parse("retina=3")).hasMessageContaining("'retina=3'");
        assertThatThrownBy(() -> ReadoutSegments.parse("vision=2,vision=3")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ReadoutSegments.parse("many")).hasMessageContaining("K or MODALITY=K");
    }
}
