package io.liquidstream.connectors.format.aedat;

import io.liquidstream.core.event.SensorGeometry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The iniVation sensors that AEDAT headers name, with their pixel arrays. */
final class AedatSensors {

    private record Sensor(String prefix, SensorGeometry geometry, String jaerChip, String caerSource) {
    }

    // Longer prefixes first, so "DVXPLORERLITE" wins over "DVXPLORER".
    private static final List<Sensor> SENSORS = List.of(
            new Sensor("DAVIS346", SensorGeometry.pixels(346, 260), "eu.seebetter.ini.chips.davis.Davis346B",
                    "DAVIS346B"),
            new Sensor("DAVIS240", SensorGeometry.pixels(240, 180), "eu.seebetter.ini.chips.davis.DAVIS240C",
                    "DAVIS240C"),
            new Sensor("DAVIS640", SensorGeometry.pixels(640, 480), "eu.seebetter.ini.chips.davis.Davis640",
                    "DAVIS640"),
            new Sensor("DAVIS208", SensorGeometry.pixels(208, 192), "eu.seebetter.ini.chips.davis.Davis208",
                    "DAVIS208"),
            new Sensor("DAVIS128", SensorGeometry.pixels(128, 128), "eu.seebetter.ini.chips.davis.Davis128",
                    "DAVIS128"),
            new Sensor("DVS128", SensorGeometry.pixels(128, 128), "ch.unizh.ini.jaer.chip.retina.DVS128", "DVS128"),
            new Sensor("TMPDIFF128", SensorGeometry.pixels(128, 128), null, null),
            new Sensor("DVXPLORERLITE", SensorGeometry.pixels(320, 240), null, "DVXPLORER_LITE"),
            new Sensor("DVXPLORER", SensorGeometry.pixels(640, 480), null, null),
            new Sensor("DVS132S", SensorGeometry.pixels(132, 104), null, "DVS132S"));

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    private AedatSensors() {
    }

    /**
     * The pixel array of a device or jAER chip class name, e.g. {@code DAVIS346B},
     * {@code eu.seebetter.ini.chips.davis.Davis346red}, or a description holding {@code <width>x<height>}.
     */
    static Optional<SensorGeometry> geometryOf(String name) {
        String key = simpleName(name);
        for (Sensor sensor : SENSORS) {
            if (key.startsWith(sensor.prefix())) {
                return Optional.of(sensor.geometry());
            }
        }
        Matcher size = SIZE.matcher(name);
        return size.find()
                ? Optional.of(SensorGeometry.pixels(Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2))))
                : Optional.empty();
    }

    /** The AEDAT 2.0 address layout a jAER chip class uses, when the class is a known DVS or DAVIS chip. */
    static Optional<Aedat2Layout> layoutOf(String jaerChip) {
        String key = simpleName(jaerChip);
        if (key.startsWith("DAVIS")) {
            return Optional.of(Aedat2Layout.DAVIS);
        }
        if (key.startsWith("DVS128") || key.startsWith("TMPDIFF128")) {
            return Optional.of(Aedat2Layout.DVS128);
        }
        return Optional.empty();
    }

    /** The jAER chip class recorded for a layout and sensor, when jAER has one. */
    static Optional<String> jaerChip(Aedat2Layout layout, SensorGeometry geometry) {
        String family = layout == Aedat2Layout.DAVIS ? "DAVIS" : "DVS";
        return SENSORS.stream()
                .filter(s -> s.jaerChip() != null && s.prefix().startsWith(family) && s.geometry().equals(geometry))
                .map(Sensor::jaerChip)
                .findFirst();
    }

    /** The cAER source name of a sensor, or a description carrying its size for other arrays. */
    static String caerSource(SensorGeometry geometry) {
        return SENSORS.stream()
                .filter(s -> s.caerSource() != null && s.geometry().equals(geometry))
                .map(Sensor::caerSource)
                .findFirst()
                .orElse("Sensor " + geometry.width() + "x" + geometry.height());
    }

    private static String simpleName(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return simple.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
