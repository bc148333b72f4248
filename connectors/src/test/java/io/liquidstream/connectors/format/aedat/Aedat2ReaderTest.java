package io.liquidstream.connectors.format.aedat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.RealData;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat2ReaderTest {

    private static final SensorGeometry DAVIS346 = SensorGeometry.pixels(346, 260);
    private static final SensorGeometry DAVIS240 = SensorGeometry.pixels(240, 180);

    @TempDir
    Path dir;

    @Test
    void givenRealHeaderOnlySample_readsNoEventsAndItsCreationTime() throws IOException {
        Path real = RealData.file("aedat2-header-sample.aedat");

        try (EventFileReader reader = AedatFiles.open(real)) {
            assertThat(reader.format()).isEqualTo("aedat2");
            assertThat(reader.startEpochMicros()).contains(1_695_355_587_880_000L);
            assertThat(reader.geometry()).as("AEChip Davis346red").isEqualTo(DAVIS346);
            assertThat(((Aedat2Reader) reader).layout()).isEqualTo(Aedat2Layout.DAVIS);
            assertThat(reader.next(100)).isNull();
        }
    }

    @Test
    void givenDvs128Events_roundTripKeepsThem() throws IOException {
        SensorGeometry dvs128 = SensorGeometry.pixels(128, 128);
        Events events = AedatSamples.random(dvs128, 5000, 17, 300, 1);
        Path file = dir.resolve("dvs.aedat");
        try (Aedat2Writer writer = Aedat2Writer.create(file, Aedat2Layout.DVS128, dvs128)) {
            writer.write(events);
        }

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            assertThat(reader.layout()).isEqualTo(Aedat2Layout.DVS128);
            assertThat(reader.startEpochMicros()).isEmpty();
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenDavisEventsAndStartTime_roundTripKeepsThem() throws IOException {
        Events events = AedatSamples.random(DAVIS346, 5000, 0, 300, 2);
        Path file = dir.resolve("davis.aedat");
        try (Aedat2Writer writer = Aedat2Writer.create(file, Aedat2Layout.DAVIS, DAVIS346,
                Instant.ofEpochMilli(1_695_355_587_880L))) {
            writer.write(events);
        }

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            assertThat(reader.layout()).isEqualTo(Aedat2Layout.DAVIS);
            assertThat(reader.geometry()).isEqualTo(DAVIS346);
            assertThat(reader.startEpochMicros()).contains(1_695_355_587_880_000L);
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenDavisFirstEventWhoseTopByteIsHash_roundTripStillReadsIt() throws IOException {
        // raw y 140 puts 0x23 ('#') in the address's top byte
        Events events = Events.builder(DAVIS346).add(5, 10, 140, 1).add(9, 11, 3, 0).build();
        Path file = dir.resolve("hash.aedat");
        try (Aedat2Writer writer = Aedat2Writer.create(file, Aedat2Layout.DAVIS, DAVIS346)) {
            writer.write(events);
        }

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenDavisRecordsWithApsImuAndExternalInput_keepsOnlyPolarityEvents() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(("#!AER-DAT2.0\r\n# AEChip: eu.seebetter.ini.chips.davis.DAVIS240C\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        DataOutputStream records = new DataOutputStream(bytes);
        records.writeInt((7 << 22) | (30 << 12) | (1 << 11)); // DVS ON, raw x 30, y 7
        records.writeInt(100);
        records.writeInt(0x8000_0000 | (7 << 22) | (30 << 12) | 512); // APS sample
        records.writeInt(101);
        records.writeInt(0x8000_0C00 | 123); // IMU sample
        records.writeInt(102);
        records.writeInt(1 << 10); // external input
        records.writeInt(103);
        records.writeInt((179 << 22) | (239 << 12)); // DVS OFF, raw x 239, y 179
        records.writeInt(104);
        Path file = dir.resolve("mixed.aedat");
        Files.write(file, bytes.toByteArray());

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            Events events = AedatSamples.readAll(reader);

            assertThat(reader.geometry()).isEqualTo(DAVIS240);
            assertThat(events).isEqualTo(Events.builder(DAVIS240)
                    .add(100, 239 - 30, 7, 1)
                    .add(104, 0, 179, 0)
                    .build());
        }
    }

    @Test
    void givenTimesBeyond32Bits_wrappedTimestampsAreUnwrapped() throws IOException {
        SensorGeometry dvs128 = SensorGeometry.pixels(128, 128);
        Events events = AedatSamples.random(dvs128, 400, (1L << 32) - 5_000_000, 1L << 30, 3);
        assertThat(events.lastTime()).isGreaterThan(1L << 34);
        Path file = dir.resolve("long.aedat");
        try (Aedat2Writer writer = Aedat2Writer.create(file, Aedat2Layout.DVS128, dvs128)) {
            writer.write(events);
        }

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            assertThat(AedatSamples.readAll(reader).times()).isEqualTo(events.times());
        }
    }

    @Test
    void givenHeaderWithoutChip_explicitLayoutAndGeometryDecodeDavisRecords() throws IOException {
        Events events = AedatSamples.random(DAVIS240, 50, 0, 100, 4);
        Path file = dir.resolve("nochip.aedat");
        Files.write(file, "#!AER-DAT2.0\r\n# no chip line here\r\n".getBytes(StandardCharsets.US_ASCII));
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file,
                java.nio.file.StandardOpenOption.APPEND))) {
            for (int i = 0; i < events.size(); i++) {
                out.writeInt(Aedat2Layout.DAVIS.encode(events.x(i), events.y(i), events.p(i), 240));
                out.writeInt((int) events.t(i));
            }
        }

        assertThatThrownBy(() -> Aedat2Reader.open(file, Aedat2Layout.DAVIS, null))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("no known DAVIS chip");
        try (Aedat2Reader reader = Aedat2Reader.open(file, Aedat2Layout.DAVIS, DAVIS240)) {
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenJavaDateCreationLine_startTimeComesFromIt() throws IOException {
        Path file = dir.resolve("dated.aedat");
        Files.write(file, "#!AER-DAT2.0\r\n# created Thu Dec 03 14:47:00 UTC 2015\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            assertThat(reader.startEpochMicros())
                    .contains(Instant.parse("2015-12-03T14:47:00Z").toEpochMilli() * 1000);
        }
    }

    @Test
    void givenTruncatedRecord_eventsBeforeItComeFirstThenTheDamageWithItsOffset() throws IOException {
        SensorGeometry dvs128 = SensorGeometry.pixels(128, 128);
        Events events = AedatSamples.random(dvs128, 10, 0, 100, 5);
        Path file = dir.resolve("cut.aedat");
        try (Aedat2Writer writer = Aedat2Writer.create(file, Aedat2Layout.DVS128, dvs128)) {
            writer.write(events);
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        long damageAt = whole.length - 8;

        try (Aedat2Reader reader = Aedat2Reader.open(file)) {
            assertThat(reader.next(100)).isEqualTo(AedatSamples.head(events, 9));
            assertThatThrownBy(() -> reader.next(100))
                    .isInstanceOfSatisfying(EventFormatException.class,
                            e -> assertThat(e.offset()).isEqualTo(damageAt))
                    .hasMessageContaining("5 bytes into an 8-byte");
        }
    }

    @Test
    void givenAnotherVersionLine_openFailsNamingWhatWasExpected() throws IOException {
        Path file = dir.resolve("v3.aedat");
        Files.write(file, "#!AER-DAT3.1\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Aedat2Reader.open(file))
                .isInstanceOfSatisfying(EventFormatException.class, e -> assertThat(e.offset()).isZero())
                .hasMessageContaining("expected the AEDAT 2.0 version line '#!AER-DAT2.0', found '#!AER-DAT3.1'");
    }
}
