package io.liquidstream.connectors.ingest;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Reads event datagrams from a UDP port. The socket is bound when the feed is made, so senders can start
 * at once. Each datagram is decoded on the reader thread and offered to the hand-off; when the hand-off is
 * full (Kafka slower than the sender) the datagram is dropped and counted, never queued without bound,
 * so the socket keeps being drained. Datagrams the kernel drops before we read them (its receive buffer
 * full) cannot be counted here: a sender that numbers its datagrams, or the bench, sees them.
 *
 * <p>All datagrams on the port are one source, whoever sends them.
 */
public final class UdpFeed implements Feed {

    /** Larger than any UDP payload, so no datagram is cut short on our side. */
    private static final int MAX_DATAGRAM = 65_536;

    private final DatagramChannel channel;
    private final UdpFormat format;
    private final DatagramDecoder decoder;
    private final EventAdmission admission;
    private final IngestStats stats;
    private final MicrosClock clock = new MicrosClock();
    private final InetSocketAddress local;
    private volatile boolean stopped;

    private UdpFeed(DatagramChannel channel, UdpFormat format, SensorGeometry geometry, IngestStats stats)
            throws IOException {
        this.channel = channel;
        this.format = format;
        this.decoder = format.decoder();
        this.admission = new EventAdmission(geometry, stats);
        this.stats = stats;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Binds {@code address} (port 0: any free port).
     *
     * @param receiveBuffer the socket receive buffer asked of the kernel, in bytes (it may grant less)
     * @throws IOException if the port cannot be bound, e.g. because it is in use
     */
    public static UdpFeed bind(InetSocketAddress address, UdpFormat format, SensorGeometry geometry, int receiveBuffer,
            IngestStats stats) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            channel.bind(address);
            return new UdpFeed(channel, format, geometry, stats);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen for UDP on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (its port, when port 0 was asked for). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** The receive buffer the kernel granted, in bytes. */
    public int receiveBuffer() throws IOException {
        return channel.getOption(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public void run(Handoff out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (!stopped) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                long arrival = clock.nowMicros();
                buffer.flip();
                stats.received(buffer.remaining());
                admission.begin();
                try {
                    decoder.decode(buffer, arrival, admission);
                } catch (MalformedDatagramException e) {
                    admission.discard();
                    stats.malformed("refused a datagram from " + from + ": " + e.getMessage());
                    continue;
                }
                Events batch = admission.finish();
                if (batch == null) {
                    continue;
                }
                if (out.offer(batch)) {
                    stats.accepted(batch.size());
                } else {
                    stats.droppedDatagram(batch.size());
                }
            }
        } catch (ClosedChannelException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            channel.close();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        try {
            // a blocked receive returns with AsynchronousCloseException
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel does not fail in a way that matters here
        }
    }

    @Override
    public String description() {
        return format.label() + " datagrams on udp " + local.getHostString() + ":" + local.getPort();
    }
}
