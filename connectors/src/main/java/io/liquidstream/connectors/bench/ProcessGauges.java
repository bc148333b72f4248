package io.liquidstream.connectors.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU and heap of this JVM over one phase of a benchmark: CPU time used per wall second (cores
 * busy), the largest heap in use seen by {@link #sample()}, the largest heap left after a collection
 * (as last reported at each sample), the time spent in collections, and the CPU of each kind of
 * Java thread (the JVM's own compiler and GC threads are not among them). Everything in the process counts, the embedded broker included.
 */
public final class ProcessGauges {

    /**
     * What one phase used. {@code threadCores} is the CPU time of the threads alive at the end of the
     * phase per wall second, by thread name with numbers replaced by N (a pool counts as one), largest first.
     */
    public record Usage(double seconds, double cpuCores, long heapMaxBytes, long heapAfterGcMaxBytes,
            double gcSeconds, Map<String, Double> threadCores) {
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long startNanos;
    private final long startCpuNanos;
    private final long startGcMillis;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startThreadCpu = new HashMap<>();
    private long heapMax;
    private long heapAfterGcMax;

    private ProcessGauges() {
        this.startNanos = System.nanoTime();
        this.startCpuNanos = os.getProcessCpuTime();
        this.startGcMillis = gcMillis();
        for (long id : threads.getAllThreadIds()) {
            startThreadCpu.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Starts measuring a phase now. */
    public static ProcessGauges start() {
        return new ProcessGauges();
    }

    /** Notes the heap in use now; call it every few hundred milliseconds during the phase. */
    public void sample() {
        heapMax = Math.max(heapMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage collected = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (collected != null) {
                afterGc += collected.getUsed();
            }
        }
        heapAfterGcMax = Math.max(heapAfterGcMax, afterGc);
    }

    /** What the phase used from {@link #start()} until now. */
    public Usage stop() {
        sample();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (os.getProcessCpuTime() - startCpuNanos) / 1e9;
        return new Usage(seconds, seconds > 0 ? cpu / seconds : 0, heapMax, heapAfterGcMax,
                (gcMillis() - startGcMillis) / 1000.0, threadCores(seconds));
    }

    /** A thread's name with its numbers replaced by N, so the threads of one pool count as one kind. */
    static String threadKind(String name) {
        return DIGITS.matcher(name).replaceAll("N");
    }

    private Map<String, Double> threadCores(double seconds) {
        Map<String, Double> byName = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                long used = cpu - startThreadCpu.getOrDefault(info.getThreadId(), 0L);
                byName.merge(threadKind(info.getThreadName()), used / 1e9 / seconds, Double::sum);
            }
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.005)
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        return sorted;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
