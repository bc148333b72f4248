package io.liquidstream.connectors.anchors;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the {@link ClassAnchor} records that register a class exemplar on the anchors topic. */
public final class AnchorRecords {

    private AnchorRecords() {
    }

    /**
     * One anchor per exemplar, keyed {@code class-C/MODALITY/SAMPLE} (the exemplar's sample id), so that
     * registering the same samples again replaces them instead of adding copies.
     */
    public static List<ClassAnchor> ofExemplars(int classLabel, String className, List<EventPacket> exemplars,
            long createdMicros, String note) {
        List<ClassAnchor> out = new ArrayList<>(exemplars.size());
        for (EventPacket e : exemplars) {
            String id = "class-" + classLabel + "/" + Modalities.name(e.getModality()) + "/" + e.getSampleId();
            out.add(ofEvents(id, classLabel, className, e, createdMicros, note));
        }
        return out;
    }

    /**
     * An anchor whose exemplar is raw events, embedded by the running model when the service reads it.
     *
     * @param className the class's name for operators, or null
     * @param note free text for operators, or null
     */
    public static ClassAnchor ofEvents(String anchorId, int classLabel, String className, EventPacket exemplar,
            long createdMicros, String note) {
        Objects.requireNonNull(anchorId, "anchorId");
        if (classLabel < 0) {
            throw new IllegalArgumentException("anchor '" + anchorId + "' needs a class >= 0, found " + classLabel);
        }
        return ClassAnchor.newBuilder().setAnchorId(anchorId).setClassLabel(classLabel)
                .setModality(exemplar.getModality()).setExemplar(exemplar).setCreatedMicros(createdMicros)
                .setNote(note).setClassName(className).build();
    }

    /**
     * One whole sample as a single {@link EventPacket} (times relative to its first event), as the anchor
     * registry embeds it.
     */
    public static EventPacket packet(String source, Modality modality, Events events, String sampleId, Integer label) {
        int n = events.size();
        long base = n == 0 ? 0 : events.t(0);
        boolean planar = events.geometry().height() > 1;
        boolean polar = events.geometry().polarities() > 1;
        int[] dt = new int[n];
        int[] x = new int[n];
        int[] y = new int[planar ? n : 0];
        int[] p = new int[polar ? n : 0];
        for (int i = 0; i < n; i++) {
            dt[i] = Math.toIntExact(events.t(i) - base);
            x[i] = events.x(i);
            if (planar) {
                y[i] = events.y(i);
            }
            if (polar) {
                p[i] = events.p(i);
            }
        }
        EventPacket packet = EventPackets.fromColumns(source, modality, 0, base, dt, x, y, p);
        packet.setSampleId(sampleId);
        packet.setLabel(label);
        packet.setEndOfSample(true);
        return packet;
    }
}
