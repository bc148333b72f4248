package io.liquidstream.connectors.synth.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WavDecoderTest {

    /** A WAV header as espeak-ng writes it to a pipe: RIFF and data sizes are 0x7ffff000 placeholders. */
    private static byte[] streamedWav(int sampleRate, int channels, short... samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0x7ffff024);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0x7ffff000);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void givenStreamedHeaderWithPlaceholderSizes_readsSamplesUpToTheEnd() throws IOException {
        EspeakSpeaker.Utterance u = WavDecoder.decode(streamedWav(22050, 1, (short) 0, (short) 16384, (short) -32768), "test");

        assertThat(u.sampleRate()).isEqualTo(22050);
        assertThat(u.samples()).containsExactly(0f, 0.5f, -1f);
    }

    @Test
    void givenStereo_averagesTheChannels() throws IOException {
        EspeakSpeaker.Utterance u = WavDecoder.decode(streamedWav(16000, 2, (short) 16384, (short) 0), "test");

        assertThat(u.samples()).containsExactly(0.25f);
    }

    @Test
    void givenSomethingElse_failsNamingTheSource() {
        byte[] text = "Error: voice not found".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> WavDecoder.decode(text, "output of espeak-ng"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("RIFF/WAVE")
                .hasMessageContaining("output of espeak-ng");
    }
}
