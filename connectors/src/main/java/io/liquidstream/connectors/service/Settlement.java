package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.core.stream.PipelineMetrics;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The correlation of the output records of one outcome: when the broker has acknowledged all of them,
 * the inputs the outcome settles are acknowledged, so the receiver may commit past them. A failed
 * send leaves them unacknowledged: their partition's commits stop there and a restart reprocesses
 * them (at-least-once).
 */
final class Settlement {

    private final List<ReceiverRecord<String, byte[]>> inputs;
    private final AtomicInteger outstanding;
    private final long firstEventWallMicros;
    private final boolean window;
    private final PipelineMetrics metrics;
    private final LongSupplier clock;

    Settlement(List<ReceiverRecord<String, byte[]>> inputs, int outputs, long firstEventWallMicros, boolean window,
               PipelineMetrics metrics, LongSupplier clock) {
        this.inputs = inputs;
        this.outstanding = new AtomicInteger(outputs);
        this.firstEventWallMicros = firstEventWallMicros;
        this.window = window;
        this.metrics = metrics;
        this.clock = clock;
    }

    List<ReceiverRecord<String, byte[]>> inputs() {
        return inputs;
    }

    /** One output was written; the last one settles the inputs. */
    void written() {
        if (outstanding.decrementAndGet() == 0) {
            complete();
        }
    }

    /** Settles the inputs now (all outputs written, e.g. inside a committed transaction). */
    void complete() {
        for (ReceiverRecord<String, byte[]> input : inputs) {
            input.acknowledge();
        }
        if (window) {
            metrics.windowCompleted(firstEventWallMicros, clock.getAsLong());
        }
    }
}
