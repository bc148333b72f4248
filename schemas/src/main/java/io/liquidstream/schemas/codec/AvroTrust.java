package io.liquidstream.schemas.codec;

import java.util.Arrays;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Makes Avro trust the generated classes of {@value #TRUSTED_PACKAGE}.
 *
 * <p>Avro 1.12.2 refuses to load record classes outside a few JDK packages unless the system
 * property {@value #PACKAGES_PROPERTY} lists their package. Avro reads that property exactly once,
 * when its class validator is first initialised, and merely touching a generated class does that:
 * its static initialiser creates a {@code SpecificDatumReader}. So appending to the property is
 * usually too late. {@link #ensure()} appends our package to the property anyway (so tools that
 * print or forward it see it) and, if Avro's validator still does not trust the package, widens the
 * global validator through Avro's public API. Codecs call this from their static initialisers;
 * calling it again is cheap and harmless. Code that decodes generated classes without the codecs
 * must call it itself.
 */
public final class AvroTrust {

    /** The system property Avro reads its trusted packages from. */
    public static final String PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    /** The package whose classes (and sub-packages) are made trusted. */
    public static final String TRUSTED_PACKAGE = "io.liquidstream.schemas";

    private static boolean ensured;

    private AvroTrust() {
    }

    /** Makes sure Avro trusts {@value #TRUSTED_PACKAGE}; idempotent and thread-safe. */
    public static synchronized void ensure() {
        if (ensured) {
            return;
        }
        appendToProperty();
        // Touches Avro's validator, which reads the property now unless it already did earlier.
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!current.isTrusted(AvroTrust.class)) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, AvroTrust::isOurs));
        }
        ensured = true;
    }

    private static void appendToProperty() {
        String current = System.getProperty(PACKAGES_PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PACKAGES_PROPERTY, TRUSTED_PACKAGE);
            return;
        }
        boolean listed = Arrays.stream(current.split(","))
                .map(String::trim)
                .anyMatch(p -> p.equals(TRUSTED_PACKAGE) || p.equals("*"));
        if (!listed) {
            System.setProperty(PACKAGES_PROPERTY, current + "," + TRUSTED_PACKAGE);
        }
    }

    private static boolean isOurs(Class<?> type) {
        return type.getName().startsWith(TRUSTED_PACKAGE + ".");
    }
}
