package io.liquidstream.connectors.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's and the process's own meters, through Micrometer's binders: in Prometheus {@code jvm_memory_*},
 * {@code jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*}, {@code jvm_info}, {@code process_cpu_*},
 * {@code process_uptime_seconds}, {@code process_start_time_seconds}, {@code process_files_*} and
 * {@code system_cpu_*}: what a platform team's JVM dashboards and alerts expect of any Java service.
 * Closing it stops the garbage-collection listener.
 */
public final class ProcessMetrics implements AutoCloseable {

    private final JvmGcMetrics gc;

    private ProcessMetrics(JvmGcMetrics gc) {
        this.gc = gc;
    }

    /** Binds the JVM and process meters to {@code registry}. */
    public static ProcessMetrics bindTo(MeterRegistry registry) {
        new JvmInfoMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new ProcessMetrics(gc);
    }

    @Override
    public void close() {
        gc.close();
    }
}
