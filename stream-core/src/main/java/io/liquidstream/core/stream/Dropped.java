package io.liquidstream.core.stream;

/**
 * An input that produces nothing and needs no dead letter (a duplicate packet, or a packet whose
 * events fell in no window); its acknowledgement is settled at once.
 *
 * @param ack the input's acknowledgement
 * @param why a short description, for logs
 * @param <A> acknowledgement type
 */
public record Dropped<A>(A ack, String why) implements Outcome<A> {
}
