package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.transform.PipelineSyntax;
import io.liquidstream.core.transform.StageCall;
import java.util.List;

/**
 * Turns one sample's events into a binary {@link SpikeWindow} of a fixed number of bins: an input is
 * active in a bin when at least one of its events falls in that bin. An empty sample gives an
 * all-silent window.
 */
public interface SampleBinning {

    /**
     * Bins {@code events} (time-ordered, as {@link Events} guarantees) through {@code mapping}.
     *
     * @throws IllegalArgumentException if the mapping returns an index outside its inputs
     */
    SpikeWindow bin(Events events, InputMapping mapping);

    /** Number of bins of every window this binning makes. */
    int bins();

    /** The canonical textual form, e.g. {@code fixed(50)}; {@link #parse(String)} reads it back. */
    String describe();

    /**
     * Reads one binning stage: {@code fixed(bins)} (also spelled {@code bins(bins)}) or
     * {@code grid(chunks,gridMicros)}.
     *
     * @throws IllegalArgumentException naming the position and what was expected there
     */
    static SampleBinning parse(String text) {
        List<StageCall> stages = PipelineSyntax.parse(text);
        if (stages.size() != 1) {
            throw PipelineSyntax.error(text, 0, "expected exactly one binning stage, found " + stages.size());
        }
        return fromStage(stages.get(0));
    }

    /**
     * The binning a parsed stage names; {@code bins(n)} is read as {@code fixed(n)}, which is how it
     * describes itself.
     *
     * @throws IllegalArgumentException if the name is unknown or the arguments do not fit
     */
    static SampleBinning fromStage(StageCall stage) {
        return switch (stage.name()) {
            case FixedBinning.NAME, FixedBinning.ALIAS -> FixedBinning.fromStage(stage);
            case GridChunkBinning.NAME -> GridChunkBinning.fromStage(stage);
            default -> throw stage.error("expected a binning (" + FixedBinning.NAME + ", " + FixedBinning.ALIAS
                    + ", " + GridChunkBinning.NAME + ") as the last stage, found '" + stage.name() + "'");
        };
    }
}
