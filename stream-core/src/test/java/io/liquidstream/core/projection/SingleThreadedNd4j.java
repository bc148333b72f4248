package io.liquidstream.core.projection;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test class with ND4J on one thread, then restores the previous setting. The tests use
 * arrays of a few dozen elements, where ND4J's thread hand-off costs far more than it gives; on a
 * loaded 2-core machine it made each broadcast op 20-50 times slower.
 */
final class SingleThreadedNd4j implements BeforeAllCallback, AfterAllCallback {

    private static final String THREADS = "threads";
    private static final String MASTER_THREADS = "masterThreads";

    @Override
    public void beforeAll(ExtensionContext context) {
        Environment env = Nd4j.getEnvironment();
        ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(getClass()));
        store.put(THREADS, env.maxThreads());
        store.put(MASTER_THREADS, env.maxMasterThreads());
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Environment env = Nd4j.getEnvironment();
        ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(getClass()));
        env.setMaxThreads(store.get(THREADS, Integer.class));
        env.setMaxMasterThreads(store.get(MASTER_THREADS, Integer.class));
    }
}
