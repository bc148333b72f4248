package io.liquidstream.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class EventTransformTest {

    private static final SensorGeometry DVS = SensorGeometry.pixels(4, 4);

    @Test
    void identityReturnsEqualEventsAndDescribesAsEmpty() {
        Events in = Events.builder(DVS).add(1, 2, 3, 1).build();

        assertThat(EventTransform.identity().apply(in)).isEqualTo(in);
        assertThat(EventTransform.identity().describe()).isEmpty();
    }

    @Test
    void andThenAppliesThisFirst() {
        // crop keeps x in [1,3); downsample by 2 first would keep x in [0,1) of a 2x2 sensor instead
        Events in = Events.builder(DVS).add(1, 1, 1, 0).add(2, 3, 3, 0).build();
        EventTransform cropThenHalve = new CenterCrop(2, 2).andThen(new SpatialDownsample(2, 2));
        EventTransform halveThenCrop = new SpatialDownsample(2, 2).andThen(new CenterCrop(2, 2));

        assertThat(cropThenHalve.apply(in).times()).containsExactly(1);
        assertThat(cropThenHalve.geometry(DVS)).isEqualTo(new SensorGeometry(1, 1, 2));
        assertThat(halveThenCrop.apply(in).times()).containsExactly(1, 2);
        assertThat(halveThenCrop.geometry(DVS)).isEqualTo(new SensorGeometry(2, 2, 2));
    }

    @Test
    void compositionIsFlatAndAssociative() {
        EventTransform a = new CenterCrop(2, 2);
        EventTransform b = new PolaritySelect(1);
        EventTransform c = new RefractoryFilter(5);

        assertThat(a.andThen(b).andThen(c)).isEqualTo(a.andThen(b.andThen(c)));
        assertThat(EventTransform.identity().andThen(a)).isEqualTo(TransformChain.of(java.util.List.of(a)));
    }

    @Test
    void describeAndParseRoundTripEveryTransform() {
        EventTransform all = new CenterCrop(16, 12).andThen(new PolaritySelect(1)).andThen(new SpatialDownsample(2, 3))
                .andThen(new RefractoryFilter(1000)).andThen(new BackgroundActivityFilter(5000));

        assertThat(all.describe()).isEqualTo("crop(16,12)|polarity(1)|downsample(2,3)|refractory(1000)|denoise(5000)");
        assertThat(EventTransform.parse(all.describe())).isEqualTo(all);
    }

    @Test
    void parseIgnoresWhitespace() {
        assertThat(EventTransform.parse(" crop( 16 , 16 ) | polarity(1) "))
                .isEqualTo(new CenterCrop(16, 16).andThen(new PolaritySelect(1)));
    }

    @Test
    void givenUnknownTransform_parseNamesItAndItsPosition() {
        assertThatThrownBy(() -> EventTransform.parse("crop(16,16)|blur(3)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 'blur'").hasMessageContaining("character 12");
    }

    @Test
    void givenWrongArgumentCount_parseSaysWhatWasExpected() {
        assertThatThrownBy(() -> EventTransform.parse("crop(16)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crop(width,height)").hasMessageContaining("found 1");
    }

    @Test
    void givenMissingParenthesis_parseSaysWhereAndWhat() {
        assertThatThrownBy(() -> EventTransform.parse("crop(16,16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ')'").hasMessageContaining("end of text");
    }

    @Test
    void givenNonNumericArgument_parseFails() {
        assertThatThrownBy(() -> EventTransform.parse("refractory(fast)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected an integer").hasMessageContaining("character 11");
    }

    @Test
    void givenNegativePeriod_parseFailsWithTheBound() {
        assertThatThrownBy(() -> EventTransform.parse("refractory(-5)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, found -5");
    }
}
