package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.transform.PipelineSyntax;
import io.liquidstream.core.transform.StageCall;

/**
 * Audio binning as for N-TIDIGITS (129 chunks on a 1 ms grid): events are first put on a grid of
 * {@code gridMicros} cells counted from the sample's first event, cell {@code c = (t - t0) / gridMicros};
 * the sample's own duration, {@code G = c_last + 1} cells, is then cut into chunks of
 * {@code ceil(G / chunks)} cells each and event {@code c} goes to chunk {@code c / ceil(G / chunks)}.
 *
 * <p>This equal-size split is the seed's ({@code torch.chunk} then zero padding to {@code chunks}): when
 * {@code G} is not a multiple of {@code chunks}, the sample fills fewer chunks and the trailing ones stay
 * silent, and a sample shorter than {@code chunks} cells gives one cell per chunk. A sample of zero
 * duration puts every event in chunk 0.
 *
 * @param chunks number of chunks (bins), positive
 * @param gridMicros grid cell in microseconds, positive
 */
public record GridChunkBinning(int chunks, long gridMicros) implements SampleBinning {

    static final String NAME = "grid";

    public GridChunkBinning {
        if (chunks <= 0 || gridMicros <= 0) {
            throw new IllegalArgumentException("chunks and grid must be positive, found chunks=" + chunks
                    + " grid=" + gridMicros + " us");
        }
    }

    static GridChunkBinning fromStage(StageCall stage) {
        stage.requireArity(2, "grid(chunks,gridMicros)");
        return new GridChunkBinning(stage.intArg(0, 1), stage.longArg(1, 1));
    }

    @Override
    public int bins() {
        return chunks;
    }

    @Override
    public SpikeWindow bin(Events events, InputMapping mapping) {
        int n = events.size();
        WindowBuilder window = new WindowBuilder(mapping.inputs(), chunks, n);
        if (n > 0) {
            long t0 = events.firstTime();
            long cells = (events.lastTime() - t0) / gridMicros + 1;
            long cellsPerChunk = (cells + chunks - 1) / chunks;
            for (int i = 0; i < n; i++) {
                int input = mapping.index(events, i);
                if (input >= 0) {
                    long cell = (events.t(i) - t0) / gridMicros;
                    window.add((int) (cell / cellsPerChunk), input, i);
                }
            }
        }
        return window.build();
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, chunks, gridMicros);
    }
}
