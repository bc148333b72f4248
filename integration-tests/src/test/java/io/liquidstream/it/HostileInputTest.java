package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.core.stream.RejectReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzzer's bad records interleaved with valid samples, against the service in its own JVM
 * with a {@value ServiceProcess#MAX_HEAP_MB} MiB heap: every valid sample is answered, every bad
 * record is dead-lettered once with a fitting reason, and the service keeps running on a bounded heap.
 */
class HostileInputTest {

    private static final int BAD = 3000;
    private static final int VALID = 150;
    private static final int MAX_EVENTS = 2000;
    /** Heap occupancy after any collection stays below this (live data plus uncollected old garbage). */
    private static final long HEAP_BOUND_MIB = 96;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void givenThousandsOfHostileRecordsAmongValidSamples_validOnesAreAnsweredBadOnesDeadLetteredHeapBounded() {
        ServiceTopics topics = ServiceTopics.fresh("fuzz");
        Map<String, Object> props = topics.serviceProperties(kafka.bootstrapServers(), false);
        props.put(ServiceConfig.PACKET_MAX_EVENTS, MAX_EVENTS);
        HostilePackets fuzzer = new HostilePackets(20250601L, MAX_EVENTS);
        Map<String, HostilePackets.Bad> bad = new HashMap<>();
        try (ServiceProcess service = ServiceProcess.start(props, TestModel.write(TestModel.bundle(), dir), dir,
                "fuzz").awaitServing();
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 5)) {
            List<String> valid = new ArrayList<>();
            for (int i = 0; i < BAD; i++) {
                String key = "bad-" + i;
                HostilePackets.Bad b = fuzzer.next(key);
                bad.put(key, b);
                RecordHeaders headers = new RecordHeaders();
                headers.add("fuzz-kind", b.kind().getBytes(StandardCharsets.UTF_8));
                traffic.sendRaw(topics.events(i % 2 == 0 ? ServiceTopics.VISION : ServiceTopics.NEURAL), key,
                        b.value(), headers);
                if (i % (BAD / VALID) == 0) {
                    valid.addAll(traffic.send(1));
                }
            }
            traffic.flush();

            Delivery answered = Delivery.of(valid, Outputs.associationIds(kafka.bootstrapServers(),
                    topics.associations(), valid));
            List<ConsumerRecord<String, byte[]>> dlq = Outputs.records(kafka.bootstrapServers(), topics.dlq(), BAD);

            Map<String, Integer> perReason = new TreeMap<>();
            Map<String, Integer> perKind = new TreeMap<>();
            List<String> wrongReason = new ArrayList<>();
            Map<String, Integer> dlqPerKey = new HashMap<>();
            for (ConsumerRecord<String, byte[]> d : dlq) {
                String reason = header(d, "lsm.error.reason");
                perReason.merge(reason, 1, Integer::sum);
                dlqPerKey.merge(d.key(), 1, Integer::sum);
                HostilePackets.Bad b = bad.get(d.key());
                if (b == null || b.reasons().stream().map(RejectReason::name).noneMatch(reason::equals)) {
                    wrongReason.add(d.key() + " (" + (b == null ? "not a bad record" : b.kind()) + ") as " + reason
                            + ": " + header(d, "lsm.error.detail"));
                } else {
                    perKind.merge(b.kind() + "->" + reason, 1, Integer::sum);
                }
            }
            List<String> notDeadLettered = bad.keySet().stream().filter(k -> !dlqPerKey.containsKey(k)).sorted()
                    .limit(10).toList();
            long heap = service.maxHeapAfterGcMib();
            long rss = service.rssKib() / 1024;
            Report.line("hostile input", BAD + " bad + " + valid.size() + " valid in; associations " + answered
                    + "; DLQ " + dlq.size() + " " + perReason + "; by kind " + perKind + "; max heap after GC " + heap
                    + " MiB over " + service.collections() + " GCs (Xmx " + ServiceProcess.MAX_HEAP_MB + "m); RSS "
                    + rss + " MiB; alive " + service.isAlive());

            assertThat(service.isAlive()).as("service still running; console: %s", service.console()).isTrue();
            assertThat(answered.missing()).as("valid samples without association; %s", answered).isEmpty();
            assertThat(answered.duplicates()).isZero();
            assertThat(wrongReason).as("dead letters with a reason that does not fit").isEmpty();
            assertThat(notDeadLettered).as("bad records missing from the DLQ").isEmpty();
            assertThat(dlq).as("one dead letter per bad record").hasSize(BAD);
            assertThat(heap).as("max heap after GC in MiB").isLessThan(HEAP_BOUND_MIB);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "(no " + name + " header)" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
