package io.liquidstream.core.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A float32 array in NumPy's {@code .npy} format, version 1.0: the magic {@code \x93NUMPY}, bytes 1 and
 * 0, a little-endian uint16 header length, an ASCII header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (r, c), }} padded with spaces and ended by a
 * newline so the data starts at a multiple of 64 bytes, then the data, little-endian, C order. This is
 * exactly what {@code numpy.save} writes for a C-contiguous {@code float32} array.
 *
 * @param shape dimensions, outermost first (empty for a scalar)
 * @param data the entries in C (row-major) order
 */
public record NpyArray(int[] shape, float[] data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREAMBLE = MAGIC.length + 2 + 2;
    private static final int ALIGNMENT = 64;
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr':\\s*'([^']*)',\\s*'fortran_order':\\s*(True|False),\\s*'shape':\\s*\\(([^)]*)\\),?\\s*}\\s*");

    public NpyArray {
        shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape entries must be >= 0, found " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " entries, found " + data.length);
        }
    }

    public static NpyArray vector(float[] data) {
        return new NpyArray(new int[] {data.length}, data);
    }

    public static NpyArray matrix(int rows, int columns, float[] data) {
        return new NpyArray(new int[] {rows, columns}, data);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The complete {@code .npy} file. */
    public byte[] toBytes() {
        byte[] header = header(shape);
        ByteBuffer out = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        out.asFloatBuffer().put(data);
        return out.array();
    }

    /** The magic, version, header length and padded header that precede the data. */
    static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(','); // a one-element Python tuple
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = PREAMBLE + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String text = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        out.put(text.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /**
     * Reads a {@code .npy} file of little-endian float32 in C order.
     *
     * @param entry name used in error messages
     * @throws BundleFormatException naming the entry if the bytes are not such a file
     */
    public static NpyArray parse(byte[] bytes, String entry) throws BundleFormatException {
        if (bytes.length < PREAMBLE || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new BundleFormatException(entry, "expected the .npy magic \\x93NUMPY at offset 0, found "
                    + (bytes.length < PREAMBLE ? bytes.length + " bytes in all" : "other bytes"));
        }
        if (bytes[6] != 1 || bytes[7] != 0) {
            throw new BundleFormatException(entry, "expected .npy format version 1.0, found " + bytes[6] + "." + bytes[7]);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(in.getShort(8));
        if (PREAMBLE + headerLength > bytes.length) {
            throw new BundleFormatException(entry, "header of " + headerLength + " bytes runs past the end of the "
                    + bytes.length + "-byte file");
        }
        String text = new String(bytes, PREAMBLE, headerLength, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(text);
        if (!m.matches()) {
            throw new BundleFormatException(entry, "expected a header {'descr': ..., 'fortran_order': ..., 'shape': (...)}, found "
                    + text.strip());
        }
        if (!m.group(1).equals("<f4")) {
            throw new BundleFormatException(entry, "expected dtype '<f4' (little-endian float32), found '" + m.group(1) + "'");
        }
        if (!m.group(2).equals("False")) {
            throw new BundleFormatException(entry, "expected C order (fortran_order False), found Fortran order");
        }
        int[] shape = parseShape(m.group(3), entry);
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        long dataBytes = bytes.length - PREAMBLE - headerLength;
        if (dataBytes != 4 * size) {
            throw new BundleFormatException(entry, "shape " + Arrays.toString(shape) + " needs " + 4 * size
                    + " data bytes, found " + dataBytes);
        }
        float[] data = new float[(int) size];
        in.position(PREAMBLE + headerLength);
        in.asFloatBuffer().get(data);
        return new NpyArray(shape, data);
    }

    private static int[] parseShape(String dims, String entry) throws BundleFormatException {
        String[] parts = dims.split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                shape[count++] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new BundleFormatException(entry, "expected integer dimensions in the shape, found (" + dims + ")");
            }
        }
        return Arrays.copyOf(shape, count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape);
    }
}
