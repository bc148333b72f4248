package io.liquidstream.cli;

import picocli.CommandLine.Option;

/**
 * {@code --queue}, {@code --receive-buffer}: where a UDP ingester holds datagrams before they are lost, the
 * same on {@code ingest udp} and on {@code bench ingest}, which measures that ingester.
 */
final class UdpBuffers {

    @Option(names = "--queue", defaultValue = "4096", paramLabel = "DATAGRAMS",
            description = "UDP: datagrams held for Kafka before new ones are dropped. Default: ${DEFAULT-VALUE}.")
    int queue;

    @Option(names = "--receive-buffer", defaultValue = "8388608", paramLabel = "BYTES",
            description = "UDP: socket receive buffer asked of the kernel (it may grant less). Default: ${DEFAULT-VALUE}.")
    int receiveBuffer;
}
