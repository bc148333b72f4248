package io.liquidstream.connectors.ingest;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.aedat.Aedat4Stream;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Connects to a DV / dv-processing network output (a TCP server; we are its client) and reads the AEDAT
 * 4.0 stream it sends ({@link Aedat4Stream}): the IOHeader, then event packets. Each packet's events are
 * queued with {@link Handoff#put}, which waits while Kafka is slow, so the socket is read no faster than
 * packets are sent and TCP flow control slows the server.
 *
 * <p>When the connection breaks (the server goes away, closes mid-packet, or sends what is not AEDAT 4.0),
 * the packets read before are kept, the problem is counted and said, and the feed connects again after
 * {@code retry}: each connection starts with a fresh header, so this also resynchronises after garbage.
 * Events of a new connection earlier than those already accepted are dropped as late.
 */
public final class DvTcpFeed implements Feed {

    /** The largest packet read; a bigger size is taken for damage (DV's packets are far smaller). */
    static final int MAX_PACKET_BYTES = 64 << 20;

    private final InetSocketAddress server;
    private final SensorGeometry fallback;
    private final Duration connectTimeout;
    private final Duration retry;
    private final IngestStats stats;
    private final EventAdmission admission;
    private volatile boolean stopped;
    private volatile Socket socket;

    /**
     * @param fallback the sensor size used when the server's header states none (may be null)
     * @param retry the pause before connecting again after a failure or a lost connection
     */
    public DvTcpFeed(InetSocketAddress server, SensorGeometry fallback, Duration connectTimeout, Duration retry,
            IngestStats stats) {
        this.server = server;
        this.fallback = fallback;
        this.connectTimeout = connectTimeout;
        this.retry = retry;
        this.stats = stats;
        // each connection sets the sensor from its header before any event is let in; one admission for all
        // of them keeps time order across reconnections
        this.admission = new EventAdmission(fallback != null ? fallback : SensorGeometry.pixels(1, 1), stats);
    }

    @Override
    public void run(Handoff out) throws InterruptedException {
        boolean saidUnreachable = false;
        while (!stopped) {
            try (Socket s = new Socket()) {
                socket = s;
                if (stopped) {
                    break;
                }
                try {
                    s.connect(new InetSocketAddress(server.getHostString(), server.getPort()),
                            (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                } catch (IOException e) {
                    if (!stopped && !saidUnreachable) {
                        stats.say("cannot reach the DV server at " + address() + " (" + e.getMessage()
                                + "); trying again every " + retry.toMillis() + " ms");
                        saidUnreachable = true;
                    }
                    continue;
                }
                saidUnreachable = false;
                read(s, out);
            } catch (EventFormatException e) {
                if (!stopped) {
                    stats.malformed("refused the stream from " + address() + ": " + e.getMessage());
                    stats.disconnected("dropped the connection to " + address() + "; reconnecting");
                }
            } catch (IOException e) {
                if (!stopped) {
                    stats.disconnected("connection to " + address() + " lost: " + e.getMessage() + "; reconnecting");
                }
            } finally {
                socket = null;
                if (!stopped) {
                    Thread.sleep(retry.toMillis());
                }
            }
        }
    }

    private void read(Socket s, Handoff out) throws IOException, InterruptedException {
        Aedat4Stream stream = Aedat4Stream.open(new BufferedInputStream(s.getInputStream(), 1 << 16),
                Path.of(address()), fallback, MAX_PACKET_BYTES);
        admission.geometry(stream.geometry());
        stats.connected("connected to the DV server at " + address() + ": event stream " + stream.streamId() + ", "
                + stream.geometry().width() + "x" + stream.geometry().height() + ", " + stream.compression()
                + " compression");
        long consumed = stream.offset();
        while (!stopped) {
            admission.begin();
            int n = stream.next(admission::event);
            if (n < 0) {
                stats.disconnected("the DV server at " + address() + " closed the connection; reconnecting");
                return;
            }
            stats.received((int) Math.min(Integer.MAX_VALUE, stream.offset() - consumed));
            consumed = stream.offset();
            admission.finishInto(out);
        }
    }

    private String address() {
        return server.getHostString() + ":" + server.getPort();
    }

    @Override
    public void stop() {
        stopped = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // the reader sees the closed socket and ends
            }
        }
    }

    @Override
    public String description() {
        return "AEDAT 4 stream from the DV server at tcp " + address();
    }
}
