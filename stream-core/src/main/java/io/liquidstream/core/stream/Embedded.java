package io.liquidstream.core.stream;

/**
 * A window's L2-normalised embedding in the shared space, with its continuous read-out when it has one.
 *
 * @param decoding the hop's continuous read-out, or null
 * @param <A> acknowledgement type
 */
public record Embedded<A>(Window<A> window, float[] vector, Decoding decoding) implements Outcome<A> {

    /** An embedding without a continuous read-out. */
    public Embedded(Window<A> window, float[] vector) {
        this(window, vector, null);
    }
}
