package io.liquidstream.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensorGeometryTest {

    @Test
    void widthByHeightIsATwoPolarityCamera() {
        assertThat(SensorGeometry.parse("320x240")).isEqualTo(SensorGeometry.pixels(320, 240));
        assertThat(SensorGeometry.parse("28x28x1")).isEqualTo(new SensorGeometry(28, 28, 1));
    }

    @Test
    void aSingleNumberIsAChannelArray() {
        assertThat(SensorGeometry.parse("1024")).isEqualTo(SensorGeometry.channels(1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "320x", "x240", "320x240x2x1", "wide", "0x240"})
    void givenMalformedText_parseSaysWhatItExpects(String text) {
        assertThatThrownBy(() -> SensorGeometry.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor");
    }

    @Test
    void textIsTheInputSpecStageThatNamesIt() {
        assertThat(SensorGeometry.pixels(320, 240)).hasToString("sensor(320,240,2)");
    }

    @Test
    void aLargerSensorCoversASmallerOne() {
        assertThat(SensorGeometry.pixels(320, 240).covers(SensorGeometry.pixels(300, 200))).isTrue();
        assertThat(SensorGeometry.pixels(320, 240).covers(SensorGeometry.pixels(346, 260))).isFalse();
        assertThat(SensorGeometry.channels(96).covers(SensorGeometry.pixels(34, 34))).isFalse();
    }
}
