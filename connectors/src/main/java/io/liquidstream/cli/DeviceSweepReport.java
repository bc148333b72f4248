package io.liquidstream.cli;

import io.liquidstream.core.evaluation.DeviceSweep;
import io.liquidstream.core.reservoir.RramDeviceModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link DeviceSweep.Result} as a table and as JSON fields. */
final class DeviceSweepReport {

    private DeviceSweepReport() {
    }

    static void table(DeviceSweep.Result r, PrintWriter out) {
        List<String> metrics = new ArrayList<>(r.ideal().keySet());
        out.printf("  %-16s %-8s", "parameter", "value");
        for (String m : metrics) {
            out.printf(" %-18s", m + " (%)");
        }
        out.println();
        row(out, "ideal weights", "", r.ideal(), metrics);
        row(out, "rram defaults", "", r.baseDevice(), metrics);
        for (DeviceSweep.Curve c : r.curves()) {
            for (DeviceSweep.Point p : c.points()) {
                boolean isDefault = p.device().equals(r.base());
                row(out, c.parameter().key(), DeviceSweep.format(p.value()) + (isDefault ? "*" : ""), p.accuracy(),
                        metrics);
            }
        }
        out.printf("  * the RRAM default; mean ± sd over %d seeds%n", r.seeds());
    }

    private static void row(PrintWriter out, String name, String value, Map<String, DeviceSweep.Summary> acc,
            List<String> metrics) {
        out.printf("  %-16s %-8s", name, value);
        for (String m : metrics) {
            DeviceSweep.Summary s = acc.get(m);
            out.printf(" %-18s", String.format("%6.2f ± %.2f", s.mean(), s.sd()));
        }
        out.println();
    }

    static Map<String, Object> fields(DeviceSweep.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", r.seeds());
        m.put("baseDevice", device(r.base()));
        m.put("ideal", summaries(r.ideal()));
        m.put("rramDefaults", summaries(r.baseDevice()));
        Map<String, Object> curves = new LinkedHashMap<>();
        for (DeviceSweep.Curve c : r.curves()) {
            List<Object> points = new ArrayList<>();
            for (DeviceSweep.Point p : c.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("value", p.value());
                point.putAll(summaries(p.accuracy()));
                points.add(point);
            }
            curves.put(c.parameter().key(), points);
        }
        m.put("sweeps", curves);
        return m;
    }

    private static Map<String, Object> summaries(Map<String, DeviceSweep.Summary> acc) {
        Map<String, Object> m = new LinkedHashMap<>();
        acc.forEach((name, s) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mean", Json.round(s.mean(), 2));
            v.put("sd", Json.round(s.sd(), 2));
            v.put("perSeed", s.perSeed().stream().map(x -> Json.round(x, 2)).toList());
            m.put(name, v);
        });
        return m;
    }

    private static Map<String, Object> device(RramDeviceModel d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gMinMicroSiemens", d.gMin());
        m.put("gMaxMicroSiemens", d.gMax());
        m.put("levels", d.levels());
        m.put("programmingSigmaAbsoluteMicroSiemens", d.programmingSigmaAbsolute());
        m.put("programmingSigmaRelative", d.programmingSigmaRelative());
        m.put("readNoise", d.readNoise());
        m.put("stuckFraction", d.stuckFraction());
        return m;
    }
}
