package io.liquidstream.connectors.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * CPU and heap of this JVM over one phase of a benchmark: CPU time used per wall second (cores
 * busy), the largest heap in use seen by {@link #sample()}, the largest heap left after a collection (as last reported at each sample),
 * and the time spent in collections. Everything in the process counts, the embedded broker included.
 */
public final class ProcessGauges {

    /** What one phase used. */
    public record Usage(double seconds, double cpuCores, long heapMaxBytes, long heapAfterGcMaxBytes,
            double gcSeconds) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long startNanos;
    private final long startCpuNanos;
    private final long startGcMillis;
    private long heapMax;
    private long heapAfterGcMax;

    private ProcessGauges() {
        this.startNanos = System.nanoTime();
        this.startCpuNanos = os.getProcessCpuTime();
        this.startGcMillis = gcMillis();
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
                (gcMillis() - startGcMillis) / 1000.0);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
