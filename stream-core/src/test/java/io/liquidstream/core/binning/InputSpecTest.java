package io.liquidstream.core.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.transform.CenterCrop;
import io.liquidstream.core.transform.EventTransform;
import io.liquidstream.core.transform.RefractoryFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputSpecTest {

    @Test
    void visionProbeHas256InputsAnd50Bins() {
        assertThat(InputSpec.visionProbe().inputs()).isEqualTo(256);
        assertThat(InputSpec.visionProbe().binning().bins()).isEqualTo(50);
    }

    @Test
    void audioProbeHas64InputsAnd129Bins() {
        assertThat(InputSpec.audioProbe().inputs()).isEqualTo(64);
        assertThat(InputSpec.audioProbe().binning().bins()).isEqualTo(129);
    }

    @Test
    void neuralBmiHas192InputsAnd201Bins() {
        assertThat(InputSpec.neuralBmi().inputs()).isEqualTo(192);
        assertThat(InputSpec.neuralBmi().binning().bins()).isEqualTo(201);
    }

    @Test
    void imageBmiHas784InputsAnd50Bins() {
        assertThat(InputSpec.imageBmi().inputs()).isEqualTo(784);
        assertThat(InputSpec.imageBmi().binning().bins()).isEqualTo(50);
    }

    @Test
    void visionProbeKeepsCentredOnEventsOnly() {
        Events in = Events.builder(SensorGeometry.pixels(34, 34))
                .add(0, 9, 9, 1)      // centre window corner, ON: input (0*16+0)*16+0 = 0
                .add(10, 24, 10, 0)   // OFF: dropped
                .add(20, 0, 0, 1)     // outside the window: dropped
                .add(300, 24, 24, 1)  // last event, ON: input 15*16+15 = 255 in bin 49
                .build();

        SpikeWindow w = InputSpec.visionProbe().encode(in);

        assertThat(w.inputs()).isEqualTo(256);
        assertThat(w.activeCount()).isEqualTo(2);
        assertThat(w.toDense()[0][0]).isTrue();
        assertThat(w.toDense()[49][255]).isTrue();
    }

    @Test
    void givenEventsOnAnotherSensor_encodeNamesBothGeometries() {
        assertThatThrownBy(() -> InputSpec.visionProbe().encode(Events.empty(SensorGeometry.channels(64))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vision-probe=sensor(34,34,2)|").hasMessageContaining("found sensor(64,1,1)");
    }

    @Test
    void visionProbeDescribesAsCanonicalText() {
        assertThat(InputSpec.visionProbe().describe())
                .isEqualTo("vision-probe=sensor(34,34,2)|crop(16,16)|polarity(1)|fixed(50)");
    }

    @Test
    void specWithoutTransformsDescribesSensorThenBinning() {
        assertThat(InputSpec.audioProbe().describe()).isEqualTo("audio-probe=sensor(64,1,1)|grid(129,1000)");
    }

    @Test
    void everyPresetRoundTripsThroughText() {
        for (InputSpec spec : InputSpec.presets()) {
            assertThat(InputSpec.parse(spec.describe())).isEqualTo(spec);
        }
    }

    @Test
    void aSingleTransformEqualsItsParsedForm() {
        InputSpec spec = new InputSpec("dvs", new RefractoryFilter(100), new FixedBinning(10), SensorGeometry.pixels(8, 8));

        assertThat(InputSpec.parse(spec.describe())).isEqualTo(spec);
    }

    @Test
    void parseAllowsWhitespace() {
        assertThat(InputSpec.parse(" vision-probe = sensor(34, 34, 2) | crop(16,16) | polarity(1) | fixed(50) "))
                .isEqualTo(InputSpec.visionProbe());
    }

    @Test
    void presetsAreFoundByName() {
        assertThat(InputSpec.preset("neural-bmi")).isEqualTo(InputSpec.neuralBmi());
        assertThatThrownBy(() -> InputSpec.preset("smell")).hasMessageContaining("vision-probe").hasMessageContaining("'smell'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "sensor(34,34,2)|fixed(50); no '='",
        "bad name=sensor(34,34,2)|fixed(50); before '='",
        "v=sensor(34,34,2); at least a sensor and a binning",
        "v=crop(16,16)|fixed(50); as the first stage, found 'crop'",
        "v=sensor(34,34)|fixed(50); sensor(width,height,polarities) with 3 arguments",
        "v=sensor(34,34,2)|crop(16,16); expected a binning",
        "v=sensor(34,34,2)|fixed(50)|crop(16,16); expected a transform",
        "v=sensor(34,34,2)|crop(40,40)|fixed(50); must fit inside the sensor",
        "v=sensor(34,34,2)|fixed(0); at least 1, found 0",
        "v=sensor(34,34,2)||fixed(50); expected a stage name",
        "v=sensor(34,34,2)|fixed(50) x; expected '|'",
    })
    void givenBadText_parseSaysWhatWasExpected(String text, String message) {
        assertThatThrownBy(() -> InputSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageContaining(text.strip());
    }

    @Test
    void givenUnknownStage_errorPointsAtItsPositionInTheWholeText() {
        assertThatThrownBy(() -> InputSpec.parse("v=sensor(4,4,2)|blur(2)|fixed(5)"))
                .hasMessageContaining("found 'blur'").hasMessageContaining("character 16");
    }

    @Test
    void inputsFollowTheTransformedGeometry() {
        InputSpec spec = new InputSpec("small", new CenterCrop(4, 2).andThen(EventTransform.identity()),
                new FixedBinning(3), SensorGeometry.pixels(10, 10));

        assertThat(spec.inputs()).isEqualTo(4 * 2 * 2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "vision=sensor(320,240,2)|downsample(10,8)|bins(50); 32; 30; 2; 50",
        "vision=sensor(640,480,2)|refractory(1000)|downsample(20,16)|polarity(1)|fixed(50); 32; 30; 1; 50",
        "vision=sensor(1280,720,2)|downsample(40,40)|denoise(5000)|fixed(50); 32; 18; 2; 50",
        "neural=sensor(96,1,1)|fixed(201); 96; 1; 1; 201",
        "neural=sensor(1024,1,1)|refractory(2000)|fixed(201); 1024; 1; 1; 201",
        "audio=sensor(64,1,1)|grid(129,1000); 64; 1; 1; 129",
    })
    void givenASensorOfAnySize_theReservoirInputsAreTheTransformedGeometry(String text, int width, int height,
            int polarities, int bins) {
        InputSpec spec = InputSpec.parse(text);

        assertThat(spec.outputGeometry()).isEqualTo(new SensorGeometry(width, height, polarities));
        assertThat(spec.inputs()).isEqualTo(width * height * polarities);
        assertThat(spec.binning().bins()).isEqualTo(bins);
        assertThat(InputSpec.parse(spec.describe())).isEqualTo(spec);
    }

    @Test
    void binsIsReadAsFixedBinning() {
        assertThat(InputSpec.parse("v=sensor(34,34,2)|bins(50)").describe()).isEqualTo("v=sensor(34,34,2)|fixed(50)");
    }

    @Test
    void givenABadDownsampleFactor_parseNamesTheStageAndItsPosition() {
        assertThatThrownBy(() -> InputSpec.parse("vision=sensor(320,240,2)|downsample(0,8)|bins(50)"))
                .hasMessageContaining("argument 1 of downsample to be at least 1, found 0")
                .hasMessageContaining("character 25");
    }

    @Test
    void givenEventsOfAnotherSensor_requireSensorNamesTheSpecTheSensorAndWhere() {
        InputSpec spec = InputSpec.parse("vision=sensor(320,240,2)|downsample(10,8)|bins(50)");

        spec.requireSensor(SensorGeometry.pixels(320, 240), "file a");
        assertThatThrownBy(() -> spec.requireSensor(SensorGeometry.pixels(34, 34), "Train/3/00001.bin"))
                .hasMessageContainingAll("'vision=sensor(320,240,2)|downsample(10,8)|fixed(50)'",
                        "expects events of sensor(320,240,2)", "found sensor(34,34,2) in Train/3/00001.bin");
    }

    @Test
    void givenAPresetNameAfterTheModality_parseOrPresetGivesThePresetUnderThatName() {
        InputSpec spec = InputSpec.parseOrPreset("vision=vision-probe");

        assertThat(spec.name()).isEqualTo("vision");
        assertThat(spec.describe()).isEqualTo("vision=sensor(34,34,2)|crop(16,16)|polarity(1)|fixed(50)");
        assertThat(InputSpec.parseOrPreset("neural=sensor(96,1,1)|fixed(201)").inputs()).isEqualTo(96);
    }

    @Test
    void givenAnUnknownPresetName_parseOrPresetListsThePresetsAndThePosition() {
        assertThatThrownBy(() -> InputSpec.parseOrPreset("vision=dvxplorer"))
                .hasMessageContainingAll("'dvxplorer'", "vision-probe", "neural-bmi", "character 7");
    }
}
