package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingFigureTest {

    @TempDir
    Path dir;

    @Test
    void givenTheTwentySixLetterLabels_theLegendHasASwatchForEachClass() throws IOException {
        int classes = 26;
        SplittableRandom rng = new SplittableRandom(3);
        float[][] a = new float[2 * classes][];
        int[] labels = new int[2 * classes];
        for (int i = 0; i < a.length; i++) {
            a[i] = new float[] {(float) rng.nextGaussian(), (float) rng.nextGaussian(), (float) rng.nextGaussian()};
            labels[i] = 10 + i / 2;
        }
        Path file = dir.resolve("figure.png");

        EmbeddingFigure.write(file, "letters", "neural", a, labels, "image", a, labels, Set.of(32, 33, 34, 35));

        BufferedImage img = ImageIO.read(file.toFile());
        // Swatches are 10 px circles 18 px apart at x = width - 160.., first centred at y = 67.
        int x = img.getWidth() - 60 - 95;
        for (int k = 0; k < classes; k++) {
            int y = 60 + 10 + 18 * k - 3;
            assertThat(img.getRGB(x, y) & 0xFFFFFF).as("legend swatch %d (label %d)", k, 10 + k).isNotEqualTo(0xFFFFFF);
        }
        assertThat(img.getRGB(x, 60 + 10 + 18 * classes - 3) & 0xFFFFFF).as("below the last swatch").isEqualTo(0xFFFFFF);
    }
}
