package io.liquidstream.core.stream;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Embedding;

/**
 * The outputs of one window: its embedding and its association result, ready to publish. Once both
 * are written, the window's {@link Window#acks()} are settled.
 *
 * @param <A> acknowledgement type
 */
public record Associated<A>(Window<A> window, Embedding embedding, Association association) implements Outcome<A> {
}
