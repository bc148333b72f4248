package io.liquidstream.core.stream;

/**
 * What flows between the stages: a received {@link Packet}, a closed {@link Window}, its
 * {@link Encoded} features, its {@link Embedded} vector, the final {@link Associated} result (and, ahead
 * of it, a hop's {@link ReadOut}), or an
 * input that ends here ({@link Rejected} for the dead-letter queue, {@link Dropped} as a duplicate).
 * Each stage transforms the kinds it knows and passes the others through unchanged, in order.
 *
 * <p>{@code A} is the caller's opaque acknowledgement (e.g. a Kafka record with its offset): every
 * input carries one, and each terminal outcome names the acknowledgements it settles, so the caller
 * can acknowledge an input exactly when everything it produced is done.
 *
 * @param <A> acknowledgement type
 */
public sealed interface Outcome<A> permits Packet, Window, Encoded, Embedded, Associated, ReadOut, Rejected,
        Dropped {
}
