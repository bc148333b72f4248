package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void givenANumberAndAUnit_itIsThatDuration() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("50000us")).isEqualTo(Duration.ofMillis(50));
        assertThat(converter.convert("250µs")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(converter.convert("0s")).isZero();
    }

    @Test
    void givenIso8601_itIsThatDuration() {
        assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void givenABareNumber_itIsRefusedSayingTheUnitIsMissing() {
        assertThatThrownBy(() -> converter.convert("20")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("found '20' (no unit)").hasMessageContaining("500ms, 60s, 2m");
    }

    @Test
    void givenAnUnknownUnitOrWord_itIsRefusedNamingTheForms() {
        assertThatThrownBy(() -> converter.convert("10 days")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("found '10 days'");
        assertThatThrownBy(() -> converter.convert("PTten")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void aDurationPrintsInTheLargestUnitThatKeepsItWhole() {
        assertThat(DurationConverter.format(Duration.ofMillis(50))).isEqualTo("50ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(DurationConverter.format(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
        assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0s");
    }
}
