package io.liquidstream.connectors.replay;

import java.util.Locale;

/**
 * How fast a replay runs against the recording's own clock: {@code realtime} (factor 1), {@code xK}
 * (K times faster, e.g. {@code x10} or {@code x0.5}), or {@code max} (no pacing at all; only the
 * sender's in-flight bound slows it down).
 *
 * @param factor event-time seconds per wall-clock second; {@link Double#POSITIVE_INFINITY} for max
 */
public record ReplaySpeed(double factor) {

    public static final ReplaySpeed REALTIME = new ReplaySpeed(1);
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    public ReplaySpeed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("replay speed factor must be positive, found " + factor);
        }
    }

    /** Parses {@code realtime}, {@code max} or {@code xK} with K a positive number. */
    public static ReplaySpeed parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("realtime")) {
            return REALTIME;
        }
        if (s.equals("max")) {
            return MAX;
        }
        if (s.startsWith("x")) {
            try {
                double k = Double.parseDouble(s.substring(1));
                if (k > 0 && Double.isFinite(k)) {
                    return new ReplaySpeed(k);
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted forms
            }
        }
        throw new IllegalArgumentException("expected a speed of realtime, max or xK with K > 0 (e.g. x10), found '"
                + text + "'");
    }

    public boolean paced() {
        return Double.isFinite(factor);
    }
}
