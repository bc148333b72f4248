package io.liquidstream.connectors.ingest;

import static io.liquidstream.connectors.ingest.IngestTopics.await;
import static io.liquidstream.connectors.ingest.IngestTopics.events;
import static io.liquidstream.connectors.ingest.IngestTopics.readBack;
import static io.liquidstream.connectors.ingest.IngestTopics.start;
import static io.liquidstream.connectors.ingest.IngestTopics.target;
import static io.liquidstream.connectors.ingest.IngestTopics.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Recordings;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Modality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GrowingFileIngestTest {

    private static final SensorGeometry DAVIS346 = SensorGeometry.pixels(346, 260);
    private static final long EPOCH_US = 1_700_000_000_000_000L;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private final IngestStats stats = new IngestStats();
    private final List<String> notices = new ArrayList<>();

    GrowingFileIngestTest() {
        stats.onNotice(line -> {
            synchronized (notices) {
                notices.add(line);
            }
        });
    }

    private static Events camera(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Events.Builder b = Events.builder(DAVIS346, n);
        long t = EPOCH_US;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(30);
            b.add(t, r.nextInt(346), r.nextInt(260), r.nextInt(2));
        }
        return b.build();
    }

    private static Events slice(Events e, int from, int to) {
        return Events.of(DAVIS346, Arrays.copyOfRange(e.times(), from, to), Arrays.copyOfRange(e.xs(), from, to),
                Arrays.copyOfRange(e.ys(), from, to), Arrays.copyOfRange(e.polarities(), from, to));
    }

    /** Writes the recording in chunks, flushing each and pausing between them, as a rig records. */
    private static CompletableFuture<Void> record(Path file, Events events, int chunk, boolean finish) {
        return CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200); // the ingester starts first and waits for the file
                try (Aedat4Writer writer = Aedat4Writer.create(file, DAVIS346, Aedat4Compression.LZ4)) {
                    for (int from = 0; from < events.size(); from += chunk) {
                        writer.write(slice(events, from, Math.min(events.size(), from + chunk)));
                        writer.flush();
                        Thread.sleep(30);
                    }
                }
                if (finish) {
                    Aedat4Recordings.finish(file, DAVIS346, Aedat4Compression.LZ4);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void givenARecordingWrittenWhileFollowed_everyEventArrivesInOrderAndTheFeedEndsWhenItIsFinished()
            throws Exception {
        Events sent = camera(25_000, 1);
        Path file = dir.resolve("live.aedat4");
        String topic = unique("ingest-follow");
        KafkaIngest.Result result;
        GrowingFileFeed feed = new GrowingFileFeed(file, null, true, Duration.ofMillis(10), stats);
        try (LivePackets packets = new LivePackets(feed, "rig-1", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                64, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            CompletableFuture<Void> writing = record(file, sent, 1500, true);
            writing.get(30, TimeUnit.SECONDS);
            // no stop(): the feed ends by itself at the data table the writer recorded
            result = run.get(30, TimeUnit.SECONDS);
        }

        assertThat(events(readBack(kafka, topic, "rig-1"))).containsExactlyElementsOf(events(sent));
        assertThat(result.inputFailure()).isNull();
        assertThat(notices).contains("waiting for " + file + " to appear");
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith(file + " is finished: its file data table"));
    }

    @Test
    void givenARecordingStillBeingWritten_stopSendsEverythingWrittenSoFar() throws Exception {
        Events sent = camera(8_000, 2);
        Path file = dir.resolve("open.aedat4");
        String topic = unique("ingest-follow-open");
        GrowingFileFeed feed = new GrowingFileFeed(file, null, true, Duration.ofMillis(10), stats);
        try (LivePackets packets = new LivePackets(feed, "rig-2", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                64, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            record(file, sent, 1000, false).get(30, TimeUnit.SECONDS);
            await("every event written", () -> stats.snapshot().acceptedEvents() >= sent.size());
            Thread.sleep(100);
            assertThat(run).isNotDone();
            packets.stop();
            run.get(30, TimeUnit.SECONDS);
        }

        assertThat(events(readBack(kafka, topic, "rig-2"))).containsExactlyElementsOf(events(sent));
    }

    @Test
    void givenDamageInTheMiddle_theFeedEndsWithAnErrorNamingTheByteAfterSendingWhatCameBefore() throws Exception {
        Events sent = camera(3_000, 3);
        Path file = dir.resolve("damaged.aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, DAVIS346, Aedat4Compression.NONE)) {
            writer.write(sent);
        }
        long damageAt = Files.size(file);
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, java.nio.file.StandardOpenOption.APPEND);
        String topic = unique("ingest-file-damaged");
        KafkaIngest.Result result;
        GrowingFileFeed feed = new GrowingFileFeed(file, null, false, Duration.ofMillis(10), stats);
        try (LivePackets packets = new LivePackets(feed, "rig-3", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                64, stats)) {
            result = start(packets, target(kafka, topic)).get(30, TimeUnit.SECONDS);
        }

        assertThat(events(readBack(kafka, topic, "rig-3"))).containsExactlyElementsOf(events(sent));
        assertThat(result.inputFailure()).hasMessageContaining(file + " at byte " + damageAt + ": packet header names"
                + " stream 67305985; expected one of the declared streams [0]");
    }
}
