package io.liquidstream.core.stream;

import java.util.List;

/** The windowing state of one modality on one rail, for all of its sources. */
interface SourceWindows<A> {

    /** Adds an in-order packet; returns the windows it closes and the inputs it settles or rejects. */
    void accept(Packet<A> packet, List<Outcome<A>> out);

    /**
     * Closes what is open for the source because it went idle, as if its stream had ended there:
     * returns the windows that closes and the inputs it settles.
     */
    void close(String source, List<Outcome<A>> out);

    /** Drops the source's open window state without emitting anything (its inputs are void). */
    void forget(String source);
}
