package io.liquidstream.connectors.view;

/**
 * Counts per second over the last few seconds, in 100 ms buckets: what a live panel shows as
 * "events/s". Not thread-safe; its owner serialises access.
 */
final class RateMeter {

    private static final long BUCKET_MILLIS = 100;
    private final long[] buckets;
    private final long[] stamps;

    /** @param windowMillis how far back the rate looks (a multiple of 100 ms is exact) */
    RateMeter(long windowMillis) {
        int n = (int) Math.max(1, windowMillis / BUCKET_MILLIS);
        buckets = new long[n];
        stamps = new long[n];
    }

    void add(long count, long nowMillis) {
        long slot = nowMillis / BUCKET_MILLIS;
        int i = (int) (slot % buckets.length);
        if (stamps[i] != slot) {
            stamps[i] = slot;
            buckets[i] = 0;
        }
        buckets[i] += count;
    }

    /** Counts in the window ending now, per second. */
    double perSecond(long nowMillis) {
        long slot = nowMillis / BUCKET_MILLIS;
        long sum = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (slot - stamps[i] < buckets.length) {
                sum += buckets[i];
            }
        }
        return sum * 1000.0 / (buckets.length * BUCKET_MILLIS);
    }
}
