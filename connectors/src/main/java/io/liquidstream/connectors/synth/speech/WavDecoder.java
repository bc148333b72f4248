package io.liquidstream.connectors.synth.speech;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a RIFF/WAVE file of 8- or 16-bit integer PCM into mono float samples.
 *
 * <p>Written for streamed WAV as {@code espeak-ng --stdout} produces it: the RIFF and data sizes in
 * the header are placeholders (about 2 GiB) because the writer cannot seek back, so the data chunk
 * is taken to end at the end of the bytes when its declared size runs past them.
 */
final class WavDecoder {

    private WavDecoder() {
    }

    static EspeakSpeaker.Utterance decode(byte[] wav, String source) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
            throw new IOException("expected a RIFF/WAVE header in " + source + ", found "
                    + (wav.length < 12 ? wav.length + " bytes" : "'" + tag(in, 0) + "'/'" + tag(in, 8) + "'"));
        }
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        int offset = 12;
        while (offset + 8 <= wav.length) {
            String id = tag(in, offset);
            long declared = Integer.toUnsignedLong(in.getInt(offset + 4));
            int body = offset + 8;
            int size = (int) Math.min(declared, wav.length - body);
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new IOException("fmt chunk of " + size + " bytes at offset " + offset + " in " + source
                            + " is shorter than the 16 bytes PCM needs");
                }
                int format = Short.toUnsignedInt(in.getShort(body));
                channels = Short.toUnsignedInt(in.getShort(body + 2));
                sampleRate = in.getInt(body + 4);
                bits = Short.toUnsignedInt(in.getShort(body + 14));
                if (format != 1 || (bits != 8 && bits != 16) || channels < 1 || sampleRate <= 0) {
                    throw new IOException("expected integer PCM (format 1, 8/16 bits) in " + source + ", found format "
                            + format + ", " + bits + " bits, " + channels + " channels, " + sampleRate + " Hz");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IOException("data chunk before fmt chunk at offset " + offset + " in " + source);
                }
                return new EspeakSpeaker.Utterance(samples(in, body, size, channels, bits), sampleRate);
            }
            offset = body + size + (size & 1);
        }
        throw new IOException("no data chunk in " + source + " (" + wav.length + " bytes)");
    }

    private static float[] samples(ByteBuffer in, int start, int size, int channels, int bits) {
        int bytesPerSample = bits / 8;
        int frames = size / (bytesPerSample * channels);
        float[] out = new float[frames];
        int p = start;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += bytesPerSample) {
                // 8-bit WAV is unsigned, 16-bit is signed.
                sum += bits == 16 ? in.getShort(p) / 32768f : (Byte.toUnsignedInt(in.get(p)) - 128) / 128f;
            }
            out[f] = sum / channels;
        }
        return out;
    }

    private static String tag(ByteBuffer in, int offset) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (in.get(offset + i) & 0xff);
        }
        return new String(c);
    }
}
