package io.liquidstream.cli;

import picocli.CommandLine.Option;

/** {@code --threads}: encoding threads of the commands that encode data sets, the machine's cores unless given. */
final class ThreadsOption {

    @Option(names = "--threads", description = "Encoding threads. Default: number of processors.")
    Integer threads;

    /** The threads given, or the number of processors. */
    int workers() {
        if (threads != null && threads <= 0) {
            throw new IllegalArgumentException("--threads must be positive, found " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
