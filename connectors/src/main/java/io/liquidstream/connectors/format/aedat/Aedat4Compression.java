package io.liquidstream.connectors.format.aedat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.Parameters;

/**
 * The per-packet compression an AEDAT 4.0 IOHeader declares, in its schema's numbering.
 *
 * <p>Each packet body is compressed on its own: LZ4 as one LZ4 frame (64 KiB linked blocks, as
 * dv-processing writes them; commons-compress decodes linked blocks, which lz4-java's frame reader does
 * not), ZSTD as one zstd frame.
 */
public enum Aedat4Compression {
    NONE,
    LZ4,
    LZ4_HIGH,
    ZSTD,
    ZSTD_HIGH;

    private static final int ZSTD_LEVEL = 3;
    private static final int ZSTD_HIGH_LEVEL = 19;

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
            case LZ4, LZ4_HIGH -> lz4(body);
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
        try (InputStream in = this == LZ4 || this == LZ4_HIGH
                ? new FramedLZ4CompressorInputStream(new ByteArrayInputStream(payload))
                : new ZstdInputStream(new ByteArrayInputStream(payload))) {
            return in.readAllBytes();
        } catch (RuntimeException e) {
            // zstd-jni reports corrupt frames as unchecked exceptions
            throw new IOException(e.getMessage(), e);
        }
    }

    private byte[] lz4(byte[] body) throws IOException {
        Parameters parameters = this == LZ4_HIGH
                ? new Parameters(BlockSize.K64, false, false, true,
                        BlockLZ4CompressorOutputStream.createParameterBuilder().tunedForCompressionRatio().build())
                : new Parameters(BlockSize.K64, false, false, true);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length / 2 + 64);
        try (OutputStream out = new FramedLZ4CompressorOutputStream(frame, parameters)) {
            out.write(body);
        }
        return frame.toByteArray();
    }
}
