package io.liquidstream.connectors.view;

import io.liquidstream.connectors.anchors.AnchorRecords;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.EventPacket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the page asks for when it registers a class: recent windows to take as exemplars of a class, checked
 * like any other input before anything is published.
 *
 * @param classLabel the class, 0-{@value #MAX_CLASS}
 * @param className its name for people, at most {@value #MAX_NAME} characters, or null
 * @param windows ids of windows the view lists, 1-{@value #MAX_WINDOWS} of them
 */
record AnchorRequest(Integer classLabel, String className, List<String> windows) {

    static final int MAX_CLASS = 1023;
    static final int MAX_NAME = 64;
    static final int MAX_WINDOWS = 32;

    /** One exemplar as published, for the page's answer. */
    record Published(String anchorId, String modality, String source, String sampleId, String exemplar) {
    }

    /** The anchors to publish and how the page is told about them. */
    record Plan(List<ClassAnchor> anchors, List<Published> published) {
    }

    /**
     * Checks the request against the windows the view holds and builds one anchor per window: its raw events
     * when held, else its embedding.
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    Plan plan(WindowLog log, SourceBoard sources, long nowMicros) {
        if (classLabel == null || classLabel < 0 || classLabel > MAX_CLASS) {
            throw new IllegalArgumentException("expected classLabel, an integer in 0-" + MAX_CLASS + ", found " + classLabel);
        }
        String name = className == null || className.isBlank() ? null : className.strip();
        if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("expected className of at most " + MAX_NAME
                    + " printable characters, found " + name.length() + " characters");
        }
        if (windows == null || windows.isEmpty() || windows.size() > MAX_WINDOWS) {
            throw new IllegalArgumentException("expected 1-" + MAX_WINDOWS + " window ids, found "
                    + (windows == null ? 0 : windows.size()));
        }
        List<ClassAnchor> anchors = new ArrayList<>();
        List<Published> published = new ArrayList<>();
        for (String id : new LinkedHashSet<>(windows)) {
            RecentWindow w = log.byId(id == null ? "" : id).orElseThrow(() -> new IllegalArgumentException(
                    "expected ids of windows the view lists, found '" + id + "' (unknown, or too old: the view keeps "
                            + ViewState.WINDOWS_PER_MODALITY + " per modality)"));
            String modality = Modalities.name(w.embedding().getModality());
            String anchorId = "view/class-" + classLabel + "/" + modality + "/" + w.source() + "/"
                    + (w.sampleId() != null ? w.sampleId() : w.embedding().getWindowStartMicros());
            EventPacket events = w.sampleId() == null ? null
                    : sources.sample(w.source(), w.sampleId()).map(HeldSample::toPacket).orElse(null);
            String note = "registered in the live view from window " + w.source() + " " + (w.sampleId() != null
                    ? w.sampleId() : w.embedding().getWindowStartMicros() + "-" + w.embedding().getWindowEndMicros());
            ClassAnchor anchor;
            if (events != null) {
                anchor = AnchorRecords.ofEvents(anchorId, classLabel, name, events, nowMicros, note);
            } else {
                anchor = ClassAnchor.newBuilder().setAnchorId(anchorId).setClassLabel(classLabel)
                        .setModality(w.embedding().getModality()).setExemplar(w.embedding()).setCreatedMicros(nowMicros)
                        .setNote(note).setClassName(name).build();
            }
            anchors.add(anchor);
            published.add(new Published(anchorId, modality, w.source(), w.sampleId(), events != null ? "events" : "embedding"));
        }
        return new Plan(anchors, published);
    }

    static Map<String, Object> answer(Plan plan) {
        return Map.of("published", plan.published());
    }
}
