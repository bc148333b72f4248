package io.liquidstream.connectors.view;

import io.liquidstream.schemas.Embedding;

/**
 * One window the service embedded, as the view keeps it: its embedding record and, once its association
 * arrives, the class the service predicted.
 */
final class RecentWindow {

    private final String id;
    private final Embedding embedding;
    private final float[] vector;
    private volatile Integer predictedClass;

    RecentWindow(String id, Embedding embedding) {
        this.id = id;
        this.embedding = embedding;
        this.vector = new float[embedding.getVector().size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding.getVector().get(i);
        }
    }

    /** How an association names the same window: source and sample id, or source and window bounds. */
    static String key(CharSequence source, CharSequence sampleId, Long start, Long end) {
        return sampleId != null ? source + "\u0000" + sampleId : source + "\u0000" + start + "-" + end;
    }

    String key() {
        return key(embedding.getSource(), embedding.getSampleId(), embedding.getWindowStartMicros(),
                embedding.getWindowEndMicros());
    }

    String id() {
        return id;
    }

    Embedding embedding() {
        return embedding;
    }

    float[] vector() {
        return vector;
    }

    String source() {
        return embedding.getSource().toString();
    }

    String sampleId() {
        return embedding.getSampleId() == null ? null : embedding.getSampleId().toString();
    }

    Integer predictedClass() {
        return predictedClass;
    }

    void predicted(Integer classLabel) {
        this.predictedClass = classLabel;
    }
}
