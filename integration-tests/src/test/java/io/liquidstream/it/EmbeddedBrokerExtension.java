package io.liquidstream.it;

import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One default {@link EmbeddedKafkaBroker} per test class: started before the class's first test, closed
 * after its last. Register it as {@code @RegisterExtension static final EmbeddedBrokerExtension kafka =
 * new EmbeddedBrokerExtension();}. Tests that stop and restart the broker reach it through {@link #broker()}.
 */
final class EmbeddedBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;
    // JUnit calls the callbacks of an outer class's static extension for its @Nested classes too; only the
    // class that started the broker closes it, so nested tests share it instead of getting a second one.
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start();
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null && context.getUniqueId().equals(owner)) {
            broker.close();
            broker = null;
            owner = null;
        }
    }

    /**
     * The running broker of this test class.
     *
     * @throws IllegalStateException outside the class's tests, or if the extension is not a static field
     */
    EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("Expected the embedded broker started by a static @RegisterExtension"
                    + " EmbeddedBrokerExtension before the test class ran, found none (an instance field, or a call"
                    + " outside the class's tests)");
        }
        return broker;
    }

    /** {@code host:port} of the broker's client listener, for {@code bootstrap.servers}. */
    String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
