package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.schemas.SampleRecords;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Random damage to valid messages yields a RecordDecodingException or a valid record, nothing else. */
class FuzzTest {

    private static final int INPUTS_PER_CODEC = 3_000;

    @Test
    void givenRandomlyDamagedMessages_singleObjectDecoderFailsOnlyWithRecordDecodingException() {
        fuzz(Codecs.singleObject(), new Random(20261129L));
    }

    @Test
    void givenRandomlyDamagedMessages_confluentDecoderFailsOnlyWithRecordDecodingException() {
        fuzz(Codecs.confluent(), new Random(7L));
    }

    private static void fuzz(Codecs codecs, Random random) {
        List<SpecificRecord> samples = SampleRecords.all();
        int decoded = 0;
        int rejected = 0;
        for (int n = 0; n < INPUTS_PER_CODEC; n++) {
            SpecificRecord sample = samples.get(random.nextInt(samples.size()));
            byte[] input = damage(codecs.encode().apply(sample), random);
            SpecificRecord record;
            try {
                record = codecs.decode().decode(sample.getClass(), input);
            } catch (RecordDecodingException expected) {
                rejected++;
                continue;
            }
            // Whatever was accepted must be a record that survives its own round trip.
            byte[] again = codecs.encode().apply(record);
            assertThat(codecs.decode().decode(sample.getClass(), again)).as("input %d", n).isEqualTo(record);
            decoded++;
        }
        assertThat(rejected).as("inputs rejected").isPositive();
        assertThat(decoded + rejected).isEqualTo(INPUTS_PER_CODEC);
    }

    /** Damages the body (and now and then the header): flipped bytes, random bytes, cuts and random tails. */
    private static byte[] damage(byte[] message, Random random) {
        byte[] out = message.clone();
        int headerBytes = random.nextInt(20) == 0 ? 0 : 10;
        int from = Math.min(headerBytes, out.length - 1);
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    out[from + random.nextInt(out.length - from)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out[from + random.nextInt(out.length - from)] = (byte) random.nextInt(256);
            case 2 -> {
                for (int i = from; i < out.length; i++) {
                    if (random.nextInt(8) == 0) {
                        out[i] = (byte) random.nextInt(256);
                    }
                }
            }
            default -> {
                int cut = from + random.nextInt(out.length - from);
                byte[] tail = new byte[random.nextInt(16)];
                random.nextBytes(tail);
                byte[] spliced = new byte[cut + tail.length];
                System.arraycopy(out, 0, spliced, 0, cut);
                System.arraycopy(tail, 0, spliced, cut, tail.length);
                out = spliced;
            }
        }
        return out;
    }
}
