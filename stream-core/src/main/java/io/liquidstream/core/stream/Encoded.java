package io.liquidstream.core.stream;

/**
 * A window's reservoir features (firing rate per neuron).
 *
 * @param <A> acknowledgement type
 */
public record Encoded<A>(Window<A> window, float[] features) implements Outcome<A> {
}
