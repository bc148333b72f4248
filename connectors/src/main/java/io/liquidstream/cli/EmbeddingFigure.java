package io.liquidstream.cli;

import io.liquidstream.core.projection.PrincipalPlane;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A PNG scatter of embeddings of two modalities projected on their first two principal components:
 * colour = class, filled circle = modality A, hollow square = modality B, a black ring = a zero-shot class.
 */
final class EmbeddingFigure {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0x637939)
    };

    private EmbeddingFigure() {
    }

    static void write(Path file, String title, String nameA, float[][] a, int[] labelsA, String nameB, float[][] b,
            int[] labelsB, Set<Integer> zeroShot) throws IOException {
        int n = a.length + b.length;
        List<float[]> all = new ArrayList<>(n);
        all.addAll(Arrays.asList(a));
        all.addAll(Arrays.asList(b));
        PrincipalPlane plane = PrincipalPlane.fit(all);
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            xy[i] = plane.project(all.get(i));
        }
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xy[i][0]);
            maxX = Math.max(maxX, xy[i][0]);
            minY = Math.min(minY, xy[i][1]);
            maxY = Math.max(maxY, xy[i][1]);
        }
        int w = 900, h = 760, m = 60;
        double sx = (w - 2 * m - 140) / Math.max(1e-9, maxX - minX);
        double sy = (h - 2 * m - 20) / Math.max(1e-9, maxY - minY);
        double x0 = minX;
        double y0 = minY;
        PngFigure.write(file, w, h, g -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, m, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("PC1 (x) / PC2 (y) of test embeddings; filled circle = " + nameA + ", square = " + nameB
                    + ", black ring = zero-shot class", m, 48);
            g.drawRect(m, m, w - 2 * m - 120, h - 2 * m);
            for (int i = 0; i < n; i++) {
                boolean isA = i < a.length;
                int label = isA ? labelsA[i] : labelsB[i - a.length];
                int px = m + 10 + (int) ((xy[i][0] - x0) * sx);
                int py = h - m - 10 - (int) ((xy[i][1] - y0) * sy);
                g.setColor(PALETTE[Math.floorMod(label, PALETTE.length)]);
                if (isA) {
                    g.fillOval(px - 3, py - 3, 7, 7);
                } else {
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawRect(px - 3, py - 3, 7, 7);
                }
                if (zeroShot.contains(label)) {
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(1f));
                    g.drawOval(px - 6, py - 6, 13, 13);
                }
            }
            int ly = m + 10;
            // Every class present, in label order (the built-in letters are 10-35); colours repeat as on the plot.
            java.util.SortedSet<Integer> present = new java.util.TreeSet<>();
            java.util.Arrays.stream(labelsA).forEach(present::add);
            java.util.Arrays.stream(labelsB).forEach(present::add);
            for (int c : present) {
                g.setColor(PALETTE[Math.floorMod(c, PALETTE.length)]);
                g.fillOval(w - m - 100, ly - 8, 10, 10);
                g.setColor(Color.BLACK);
                g.drawString("class " + c + (zeroShot.contains(c) ? " (zero-shot)" : ""), w - m - 84, ly + 1);
                ly += 18;
            }
        });
    }
}
