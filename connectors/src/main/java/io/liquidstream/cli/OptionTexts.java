package io.liquidstream.cli;

/**
 * Help texts shared by options whose defaults differ between commands, so that a mixin cannot carry them:
 * the same flag still says the same thing everywhere.
 */
final class OptionTexts {

    static final String SEED = "Seed of everything the command draws at random: the same seed gives the same "
            + "result. Default: ${DEFAULT-VALUE}.";

    static final String METRICS_PORT = "Port of the Prometheus endpoint, GET /metrics (0: off).";

    static final String UI_PORT = "Port of the live view in the browser (0: any free port).";

    static final String UI_HOST = "Address the live view binds to; 0.0.0.0 opens it to the network. "
            + "Default: ${DEFAULT-VALUE}.";

    static final String SEGMENTS = "Read-out: firing rates in K consecutive parts of each window, concatenated "
            + "(the reservoir is unchanged; recorded in the model bundle): K for both modalities or M=K,M=K "
            + "per modality; 1 = the seed's whole-window rates. Default: neural 10, vision and audio 1 (or "
            + "the --preset's, where a command has one; the neural trial's time course is what ties it to the "
            + "shape written).";

    private OptionTexts() {
    }
}
