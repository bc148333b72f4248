package io.liquidstream.core.evaluation;

import io.liquidstream.core.projection.ContrastiveTrainer;

/**
 * Where a long computation reports its phases (encoding, training) as it goes: a progress bar in the CLI,
 * nothing in a test. {@link #start} opens a phase of {@code total} steps; the caller closes it.
 */
@FunctionalInterface
public interface PhaseProgress {

    /** One phase: how far it is and what it is doing. */
    interface Phase extends AutoCloseable {

        /** {@code done} of the phase's steps, with a short note (null: none). */
        void update(long done, String detail);

        default void update(long done) {
            update(done, null);
        }

        /** A contrastive-training listener that advances this phase by epoch, showing loss and temperature. */
        default ContrastiveTrainer.EpochListener epochs() {
            return (epoch, epochs, loss, tau) -> update(epoch, String.format("loss %.4f tau %.3f", loss, tau));
        }

        @Override
        void close();
    }

    Phase start(String label, long total);

    /** Reports nothing. */
    static PhaseProgress quiet() {
        return (label, total) -> new Phase() {
            @Override
            public void update(long done, String detail) {
            }

            @Override
            public void close() {
            }
        };
    }
}
