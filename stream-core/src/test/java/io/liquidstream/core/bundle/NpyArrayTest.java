package io.liquidstream.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyArrayTest {

    @Test
    void givenMatrix_headerIsNumpysVersion1HeaderPaddedTo64Bytes() {
        // 10-byte preamble + 59-char dict + newline = 70, padded with 58 spaces to 128; header length 118 = 0x76
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        byte[] expected = new byte[128];
        byte[] preamble = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0x00};
        System.arraycopy(preamble, 0, expected, 0, 10);
        byte[] text = (dict + " ".repeat(58) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, expected, 10, text.length);

        byte[] file = NpyArray.matrix(2, 3, new float[6]).toBytes();

        assertThat(Arrays.copyOf(file, 128)).isEqualTo(expected);
        assertThat(file).hasSize(128 + 24);
    }

    @Test
    void givenVector_shapeIsAOneElementTuple() {
        String header = new String(NpyArray.header(new int[] {5}), 10, 118, StandardCharsets.US_ASCII);

        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }").endsWith(" \n");
    }

    @Test
    void givenData_entriesAreLittleEndianFloat32InCOrder() {
        byte[] file = NpyArray.matrix(1, 2, new float[] {1.0f, -2.0f}).toBytes();

        // 1.0f = 0x3F800000, -2.0f = 0xC0000000, least significant byte first
        assertThat(Arrays.copyOfRange(file, 128, 136))
                .containsExactly(0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0);
    }

    @Test
    void givenWrittenArray_parseRestoresShapeAndBits() throws Exception {
        float[] data = {Float.MIN_VALUE, -0.0f, 3.25f, Float.MAX_VALUE, 1e-30f, Float.NEGATIVE_INFINITY};
        NpyArray parsed = NpyArray.parse(NpyArray.matrix(3, 2, data).toBytes(), "x.npy");

        assertThat(parsed.shape()).containsExactly(3, 2);
        for (int i = 0; i < data.length; i++) {
            assertThat(Float.floatToRawIntBits(parsed.data()[i])).isEqualTo(Float.floatToRawIntBits(data[i]));
        }
    }

    @Test
    void givenBigEndianDtype_parseFailsNamingTheEntryAndTheDtype() {
        byte[] file = NpyArray.vector(new float[] {1}).toBytes();
        file[21] = '>'; // the '<' of '<f4', after the 10-byte preamble and "{'descr': '"

        assertThatThrownBy(() -> NpyArray.parse(file, "arrays/a.npy")).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("arrays/a.npy").hasMessageContaining("'>f4'");
    }

    @Test
    void givenTruncatedData_parseFailsSayingHowManyBytesWereExpected() {
        byte[] file = Arrays.copyOf(NpyArray.matrix(2, 2, new float[4]).toBytes(), 128 + 10);

        assertThatThrownBy(() -> NpyArray.parse(file, "w.npy")).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("w.npy").hasMessageContaining("needs 16 data bytes, found 10");
    }

    @Test
    void givenOtherBytes_parseFailsOnTheMagic() {
        assertThatThrownBy(() -> NpyArray.parse("PK\u0003\u0004 not numpy".getBytes(StandardCharsets.US_ASCII), "b.npy"))
                .isInstanceOf(BundleFormatException.class).hasMessageContaining("magic");
    }
}
