package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Match;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** A reader on the current Association schema reads associations written before predictedTrained existed. */
class AssociationEvolutionTest {

    @Test
    void givenAnAssociationWrittenWithoutPredictedTrained_currentReaderReadsItAsUnknown() throws IOException {
        Schema v1 = loadV1();
        GenericRecord record = new GenericData.Record(v1);
        record.put("source", "run-1/camera");
        record.put("modality", new GenericData.EnumSymbol(v1.getField("modality").schema(), "VISION"));
        record.put("sampleId", "s-1");
        record.put("matches", new GenericData.Array<>(v1.getField("matches").schema(), List.of()));
        record.put("predictedClass", 8);
        record.put("modelVersion", "v");
        record.put("firstEventMicros", 1L);
        record.put("windowCloseMicros", 2L);
        record.put("emitMicros", 3L);
        byte[] message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(record).array();

        Association a = AvroSingleObjectCodec.of(Association.class, v1).decode(message);

        assertThat(a.getPredictedClass()).isEqualTo(8);
        assertThat(a.getPredictedTrained()).isNull();
    }

    private static Schema loadV1() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(Match.getClassSchema().toString()); // defines Match and Modality, which v1 names
        try (InputStream in = AssociationEvolutionTest.class.getResourceAsStream("/evolution/Association-v1.avsc")) {
            return parser.parse(in);
        }
    }
}
