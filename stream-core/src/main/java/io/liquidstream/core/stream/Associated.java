package io.liquidstream.core.stream;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.Embedding;

/**
 * The outputs of one window: its embedding and its association result, and for a hop of a carried
 * liquid with a regression read-out its decoded values, ready to publish. Once all are written, the
 * window's {@link Window#acks()} are settled.
 *
 * @param decoded the hop's continuous read-out, or null
 * @param <A> acknowledgement type
 */
public record Associated<A>(Window<A> window, Embedding embedding, Association association, Decoded decoded)
        implements Outcome<A> {

    /** The outputs of a window without a continuous read-out. */
    public Associated(Window<A> window, Embedding embedding, Association association) {
        this(window, embedding, association, null);
    }
}
