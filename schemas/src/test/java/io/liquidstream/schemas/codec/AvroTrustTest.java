package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Avro's trusted-package check is read once per JVM, so each case runs {@link TrustProbe} in a fresh
 * JVM where nothing has touched Avro yet.
 */
class AvroTrustTest {

    @Test
    void withoutTrust_avroRefusesToDecodeGeneratedClasses() throws Exception {
        assertThat(probe("plain-avro")).startsWith("REFUSED").contains("io.liquidstream.schemas");
    }

    @Test
    void givenFreshJvm_codecDecodesGeneratedClasses() throws Exception {
        assertThat(probe("codec")).isEqualTo("DECODED dvs-0 equal=true");
    }

    @Test
    void givenAvroAlreadyReadItsTrustedPackages_codecStillDecodesGeneratedClasses() throws Exception {
        assertThat(probe("codec-after-avro-started")).isEqualTo("DECODED dvs-0 equal=true");
    }

    private static String probe(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                TrustProbe.class.getName(), mode))
                .redirectErrorStream(true)
                .start();
        // A guard against a hung child, not a timing assertion.
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("probe '" + mode + "' did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return output.lines().filter(l -> l.startsWith("DECODED") || l.startsWith("REFUSED"))
                .findFirst().orElse("no result; output was: " + output);
    }
}
