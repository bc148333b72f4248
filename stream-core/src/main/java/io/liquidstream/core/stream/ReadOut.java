package io.liquidstream.core.stream;

import io.liquidstream.schemas.Decoded;

/**
 * A hop's continuous read-out published as soon as the hop is stepped, ahead of its window's projection
 * and association ({@link StreamPipeline#readOutsAhead()}). It settles nothing by itself: the window's
 * inputs are settled once its {@link Associated} outputs and this record are all written, whichever
 * comes first; the {@link Associated} of the same window carries the same {@link #decoded()}, so a
 * caller that has not yet seen this outcome can publish it from there instead, once.
 *
 * @param <A> acknowledgement type
 */
public record ReadOut<A>(Window<A> window, Decoded decoded) implements Outcome<A> {
}
