package io.liquidstream.core.reservoir;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one reservoir seed, one per purpose, so that adding a
 * purpose (or changing how many draws one consumes) never shifts the draws of another.
 */
final class SeedStreams {

    static final int INPUT_WEIGHTS = 0;
    static final int RECURRENT_WEIGHTS = 1;
    static final int PROGRAMMING_NOISE = 2;
    static final int READ_NOISE_POOL = 3;
    static final int READ_OFFSETS = 4;
    static final int STUCK_DEVICES = 5;

    private SeedStreams() {
    }

    /** The {@code purpose}-th child stream split off a root seeded with {@code seed}. */
    static SplittableRandom stream(long seed, int purpose) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom child = root.split();
        for (int k = 0; k < purpose; k++) {
            child = root.split();
        }
        return child;
    }
}
