package io.liquidstream.connectors.ingest;

import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for DV's network output on loopback: a TCP server that answers its k-th client with the k-th
 * script (the last one again for later clients), each writing to the client's socket as DV would, or
 * wrongly, as the test needs.
 */
final class DvServer implements AutoCloseable {

    /** What the server does with one connection; the socket is closed after it returns. */
    @FunctionalInterface
    interface Script {
        void serve(Socket client) throws Exception;
    }

    private final ServerSocket server;
    private final List<Script> scripts;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    DvServer(List<Script> scripts) throws IOException {
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.scripts = List.copyOf(scripts);
        this.thread = new Thread(this::accept, "dv-server");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return InetSocketAddress.createUnresolved("127.0.0.1", server.getLocalPort());
    }

    int connections() {
        return accepted.get();
    }

    List<Throwable> failures() {
        return failures;
    }

    private void accept() {
        while (!closed) {
            try (Socket client = server.accept()) {
                int k = accepted.getAndIncrement();
                scripts.get(Math.min(k, scripts.size() - 1)).serve(client);
            } catch (Exception e) {
                if (!closed) {
                    failures.add(e);
                }
            }
        }
    }

    /** Writes the events as DV does: the header, then packets, flushed chunk by chunk with a pause between. */
    static Script streams(SensorGeometry geometry, Aedat4Compression compression, List<Events> chunks) {
        return client -> {
            Aedat4Writer writer = Aedat4Writer.network(client.getOutputStream(), geometry, compression);
            for (Events chunk : chunks) {
                writer.write(chunk);
                writer.flush();
                Thread.sleep(5);
            }
        };
    }

    /** Keeps the connection open without sending anything, until the client goes. */
    static Script idles() {
        return client -> {
            while (client.getInputStream().read() >= 0) {
                // the client sends nothing; read() returns -1 once it has gone
            }
        };
    }

    /** The bytes of the packets a DV network stream holds for {@code events} (without its header). */
    static byte[] packetBytes(SensorGeometry geometry, Aedat4Compression compression, Events events) throws IOException {
        ByteArrayOutputStream headerOnly = new ByteArrayOutputStream();
        Aedat4Writer.network(headerOnly, geometry, compression).flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Aedat4Writer writer = Aedat4Writer.network(all, geometry, compression);
        writer.write(events);
        writer.flush();
        byte[] bytes = all.toByteArray();
        return java.util.Arrays.copyOfRange(bytes, headerOnly.size(), bytes.length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
