package io.liquidstream.core.stream;

/**
 * A window's L2-normalised embedding in the shared space.
 *
 * @param <A> acknowledgement type
 */
public record Embedded<A>(Window<A> window, float[] vector) implements Outcome<A> {
}
