package io.liquidstream.connectors.view;

import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.reservoir.SpikeRaster;
import io.liquidstream.core.stream.ModalityRuntime;
import io.liquidstream.core.stream.PacketReader;
import io.liquidstream.schemas.EventPacket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the liquid did with one window: the window's raw events run through the model's fixed reservoir
 * (the same input spec, weights and seed as the service, so the same spikes), as the page's raster and
 * firing-rate feature.
 */
final class ReservoirTrace {

    private final Map<String, ModalityRuntime> models;
    private final PacketReader reader;

    ReservoirTrace(Map<String, ModalityRuntime> models) {
        this.models = Map.copyOf(models);
        Map<String, SensorGeometry> sensors = new HashMap<>();
        models.forEach((name, m) -> sensors.put(name, m.input().expectedGeometry()));
        this.reader = new PacketReader(sensors, Integer.MAX_VALUE);
    }

    boolean available() {
        return !models.isEmpty();
    }

    /** The raster of a held sample, or empty without a model for its modality or when its events do not fit it. */
    Optional<Map<String, Object>> of(String modality, HeldSample sample) {
        ModalityRuntime model = models.get(modality);
        EventPacket packet = sample.toPacket();
        if (model == null || packet == null) {
            return Optional.empty();
        }
        SpikeRaster raster;
        try {
            SpikeWindow window = model.input().encode(reader.read(packet, 0, null, "view").events());
            raster = model.reservoir().raster(window);
        } catch (RuntimeException e) {
            // Events the service would dead-letter (outside the sensor): nothing to show.
            return Optional.empty();
        }
        int[] bins = new int[raster.spikes()];
        int[] neurons = new int[raster.spikes()];
        for (int k = 0; k < bins.length; k++) {
            bins[k] = raster.bin(k);
            neurons[k] = raster.neuron(k);
        }
        float[] rates = raster.rates();
        double[] rounded = new double[rates.length];
        for (int j = 0; j < rates.length; j++) {
            rounded[j] = AssociationLog.round(rates[j], 4);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", packet.getSource().toString());
        m.put("sampleId", sample.sampleId());
        m.put("bins", raster.bins());
        m.put("neurons", raster.neurons());
        m.put("bin", bins);
        m.put("neuron", neurons);
        m.put("rates", rounded);
        m.put("inputEvents", sample.events());
        return Optional.of(m);
    }
}
