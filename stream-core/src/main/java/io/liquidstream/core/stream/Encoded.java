package io.liquidstream.core.stream;

/**
 * A window's reservoir features (firing rate per neuron), and for a carried liquid with a regression
 * read-out, its decoded values.
 *
 * @param decoding the hop's continuous read-out, or null
 * @param <A> acknowledgement type
 */
public record Encoded<A>(Window<A> window, float[] features, Decoding decoding) implements Outcome<A> {

    /** Features without a continuous read-out. */
    public Encoded(Window<A> window, float[] features) {
        this(window, features, null);
    }
}
