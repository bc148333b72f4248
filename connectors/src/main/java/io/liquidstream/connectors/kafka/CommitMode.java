package io.liquidstream.connectors.kafka;

/** Who commits the consumer group's offsets for a {@link KafkaReceiver}. */
public enum CommitMode {

    /**
     * The receiver commits, asynchronously and periodically, the offset after the highest contiguous
     * acknowledged record of each partition (at-least-once delivery).
     */
    ACKNOWLEDGED,

    /**
     * The receiver never commits; the application sends the offsets with its producer transaction
     * ({@link KafkaTransactionalSender#transact}) for exactly-once consume-transform-produce.
     */
    TRANSACTIONAL
}
