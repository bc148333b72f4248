package io.liquidstream.connectors.format.aedat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The per-packet compression an AEDAT 4.0 IOHeader declares, in its schema's numbering.
 *
 * <p>Each packet body is compressed on its own: LZ4 as one LZ4 frame, ZSTD as one zstd frame.
 * dv-processing writes LZ4 frames of 64 KiB <em>linked</em> blocks, which lz4-java's frame reader
 * refuses; those are decoded by commons-compress (correct, but tens of times slower), frames of
 * independent blocks by lz4-java. This writer emits independent 64 KiB blocks without checksums, which
 * every LZ4 frame reader accepts.
 */
public enum Aedat4Compression {
    NONE,
    LZ4,
    LZ4_HIGH,
    ZSTD,
    ZSTD_HIGH;

    private static final int ZSTD_LEVEL = 3;
    private static final int ZSTD_HIGH_LEVEL = 19;
    private static final int LZ4_HIGH_LEVEL = 9;
    /** FLG byte (after the 4-byte magic) bit saying blocks do not refer to earlier ones. */
    private static final int LZ4_BLOCK_INDEPENDENCE = 0x20;

    /** The compression with the IOHeader's {@code CompressionType} value, if it is one. */
    public static Optional<Aedat4Compression> fromCode(int code) {
        return code >= 0 && code < values().length ? Optional.of(values()[code]) : Optional.empty();
    }

    /** The IOHeader's {@code CompressionType} value. */
    public int code() {
        return ordinal();
    }

    byte[] compress(byte[] body) throws IOException {
        return switch (this) {
            case NONE -> body;
            case LZ4 -> lz4(body, LZ4Factory.fastestInstance().fastCompressor());
            case LZ4_HIGH -> lz4(body, LZ4Factory.fastestInstance().highCompressor(LZ4_HIGH_LEVEL));
            case ZSTD -> Zstd.compress(body, ZSTD_LEVEL);
            case ZSTD_HIGH -> Zstd.compress(body, ZSTD_HIGH_LEVEL);
        };
    }

    /**
     * Decompresses one packet body.
     *
     * @throws IOException if the body is not a valid frame of this compression
     */
    byte[] decompress(byte[] payload) throws IOException {
        if (this == NONE) {
            return payload;
        }
        ByteArrayInputStream source = new ByteArrayInputStream(payload);
        boolean lz4 = this == LZ4 || this == LZ4_HIGH;
        try (InputStream in = !lz4 ? new ZstdInputStream(source)
                : payload.length > 4 && (payload[4] & LZ4_BLOCK_INDEPENDENCE) != 0 ? new LZ4FrameInputStream(source)
                : new FramedLZ4CompressorInputStream(source)) {
            return in.readAllBytes();
        } catch (RuntimeException e) {
            // zstd-jni and lz4-java report corrupt frames as unchecked exceptions
            throw new IOException(e.getMessage(), e);
        }
    }

    private static byte[] lz4(byte[] body, LZ4Compressor compressor) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length / 2 + 64);
        try (OutputStream out = new LZ4FrameOutputStream(frame, BLOCKSIZE.SIZE_64KB, -1L, compressor,
                XXHashFactory.fastestInstance().hash32(), FLG.Bits.BLOCK_INDEPENDENCE)) {
            out.write(body);
        }
        return frame.toByteArray();
    }
}
