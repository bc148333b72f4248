package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.OpenSetCalibration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which calibration the service applies for a bundle. */
class ServiceOpenSetTest {

    private static ModelBundle withAnchorsOf(int... classes) {
        ModelBundle plain = ServiceEndToEndTest.bundle();
        List<BundleAnchor> anchors = new java.util.ArrayList<>();
        for (int c : classes) {
            anchors.add(new BundleAnchor("vision-class-" + c, c, "vision", new float[64]));
        }
        return new ModelBundle(plain.modalities(), plain.temperature(), anchors, Map.of());
    }

    @Test
    void givenABundleWithoutCalibration_theClassesOfItsAnchorsAreTrainedWithNoMargin() {
        OpenSetCalibration c = LiquidStreamService.openSet(withAnchorsOf(0, 3));

        assertThat(c.trainedClasses()).containsExactly(0, 3);
        assertThat(c.adjust("vision", 3, 0.5)).isEqualTo(0.5);
    }

    @Test
    void givenABundleWithACalibration_itIsAppliedAsWritten() {
        OpenSetCalibration written = new OpenSetCalibration(new TreeSet<>(List.of(0, 1, 2)),
                new TreeMap<>(Map.of("vision", 0.1)));

        OpenSetCalibration c = LiquidStreamService.openSet(withAnchorsOf(0, 3).withOpenSet(written));

        assertThat(c).isEqualTo(written);
    }
}
