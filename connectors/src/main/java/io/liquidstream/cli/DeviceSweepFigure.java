package io.liquidstream.cli;

import io.liquidstream.core.evaluation.DeviceSweep;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG of a device sweep: one panel per parameter, each metric's accuracy (mean, error bar ± sd) at each
 * value in its own colour, its ideal-weights baseline dashed in the same colour. Values sit evenly spaced in the order swept (they span decades, and a
 * level count is no continuous quantity), labelled with their value.
 */
final class DeviceSweepFigure {

    /** One colour per metric, in report order. */
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd)};
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 330;

    private DeviceSweepFigure() {
    }

    static void write(Path file, String title, DeviceSweep.Result result, String... metrics) throws IOException {
        List<DeviceSweep.Curve> curves = result.curves();
        int columns = Math.min(2, curves.size());
        int rows = (curves.size() + columns - 1) / columns;
        int w = Math.max(columns * PANEL_W + 20, 900);
        int h = rows * PANEL_H + 70;
        PngFigure.write(file, w, h, g -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 14, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            StringBuilder legend = new StringBuilder("y: test accuracy (%); solid: RRAM, other parameters at defaults "
                    + "(mean ± sd); dashed: ideal weights.");
            int lx = 14 + g.getFontMetrics().stringWidth(legend.toString()) + 12;
            g.drawString(legend.toString(), 14, 44);
            for (int m = 0; m < metrics.length; m++) {
                DeviceSweep.Summary ideal = result.ideal().get(metrics[m]);
                String key = String.format("%s (ideal %.2f ± %.2f %%)", metrics[m], ideal.mean(), ideal.sd());
                g.setColor(COLOURS[m % COLOURS.length]);
                g.fillRect(lx, 36, 12, 8);
                g.drawString(key, lx + 16, 44);
                lx += 16 + g.getFontMetrics().stringWidth(key) + 14;
            }
            for (int i = 0; i < curves.size(); i++) {
                panel(g, 10 + (i % columns) * PANEL_W, 60 + (i / columns) * PANEL_H, curves.get(i), result, metrics);
            }
        });
    }

    private static void panel(Graphics2D g, int x0, int y0, DeviceSweep.Curve curve, DeviceSweep.Result result,
            String[] metrics) {
        int left = x0 + 50, right = x0 + PANEL_W - 20, top = y0 + 24, bottom = y0 + PANEL_H - 50;
        List<DeviceSweep.Point> points = curve.points();
        double lo = 100, hi = 0;
        for (String metric : metrics) {
            DeviceSweep.Summary ideal = result.ideal().get(metric);
            lo = Math.min(lo, ideal.mean() - ideal.sd());
            hi = Math.max(hi, ideal.mean() + ideal.sd());
            for (DeviceSweep.Point p : points) {
                DeviceSweep.Summary s = p.accuracy().get(metric);
                lo = Math.min(lo, s.mean() - s.sd());
                hi = Math.max(hi, s.mean() + s.sd());
            }
        }
        double yMin = Math.max(0, Math.floor((lo - 2) / 10) * 10);
        double yMax = Math.min(100, Math.ceil((hi + 2) / 10) * 10);
        if (yMax <= yMin) {
            yMax = yMin + 10;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(curve.parameter().key(), x0 + 50, y0 + 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, bottom - top);
        for (double t = yMin; t <= yMax + 1e-9; t += (yMax - yMin) > 40 ? 20 : 10) {
            int y = yPixel(t, yMin, yMax, top, bottom);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.0f", t), left - 28, y + 4);
        }
        int n = points.size();
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = n == 1 ? (left + right) / 2 : left + 25 + i * (right - left - 50) / (n - 1);
            g.setColor(Color.BLACK);
            String label = DeviceSweep.format(points.get(i).value());
            g.drawString(label, px[i] - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
        }
        String axis = switch (curve.parameter()) {
            case LEVELS -> "conductance levels";
            case PROGRAM_NOISE -> "programming error std / target conductance";
            case READ_NOISE -> "read noise std / weight";
            case STUCK -> "fraction of devices stuck at gMin or gMax";
        };
        g.drawString(axis, (left + right - g.getFontMetrics().stringWidth(axis)) / 2, bottom + 34);
        for (int m = 0; m < metrics.length; m++) {
            Color colour = COLOURS[m % COLOURS.length];
            DeviceSweep.Summary ideal = result.ideal().get(metrics[m]);
            int iy = yPixel(ideal.mean(), yMin, yMax, top, bottom);
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
            g.drawLine(left + 1, iy, right - 1, iy);
            int[] py = new int[n];
            for (int i = 0; i < n; i++) {
                py[i] = yPixel(points.get(i).accuracy().get(metrics[m]).mean(), yMin, yMax, top, bottom);
            }
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i + 1 < n; i++) {
                g.drawLine(px[i], py[i], px[i + 1], py[i + 1]);
            }
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 0; i < n; i++) {
                DeviceSweep.Summary s = points.get(i).accuracy().get(metrics[m]);
                int yHi = yPixel(s.mean() + s.sd(), yMin, yMax, top, bottom);
                int yLo = yPixel(s.mean() - s.sd(), yMin, yMax, top, bottom);
                g.drawLine(px[i], yHi, px[i], yLo);
                g.drawLine(px[i] - 4, yHi, px[i] + 4, yHi);
                g.drawLine(px[i] - 4, yLo, px[i] + 4, yLo);
                g.fillOval(px[i] - 4, py[i] - 4, 9, 9);
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int yPixel(double v, double min, double max, int top, int bottom) {
        double clamped = Math.max(min, Math.min(max, v));
        return (int) Math.round(bottom - (clamped - min) / (max - min) * (bottom - top));
    }
}
