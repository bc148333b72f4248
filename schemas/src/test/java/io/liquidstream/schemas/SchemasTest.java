package io.liquidstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.junit.jupiter.api.Test;

class SchemasTest {

    @Test
    void everyMessageType_hasItsSchemaListed() {
        assertThat(Schemas.messageTypes()).hasSameSizeAs(Schemas.messageSchemas());
        for (int i = 0; i < Schemas.messageTypes().size(); i++) {
            assertThat(Schemas.messageSchemas().get(i).getFullName())
                    .isEqualTo(Schemas.messageTypes().get(i).getName());
        }
    }

    @Test
    void everyRecordAndField_isDocumented() {
        List<String> undocumented = new ArrayList<>();
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        for (Schema schema : Schemas.messageSchemas()) {
            collectUndocumented(schema, seen, undocumented);
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyOptionalField_defaultsToNull() {
        for (Schema schema : Schemas.messageSchemas()) {
            for (Field field : schema.getFields()) {
                if (field.schema().isNullable()) {
                    assertThat(field.hasDefaultValue()).as(schema.getName() + "." + field.name()).isTrue();
                    assertThat(field.defaultVal()).as(schema.getName() + "." + field.name())
                            .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
                }
            }
        }
    }

    @Test
    void fingerprint_isStableForTheSameSchema() {
        Schema reparsed = new Schema.Parser().parse(EventPacket.getClassSchema().toString());
        assertThat(Schemas.fingerprint(reparsed)).isEqualTo(Schemas.fingerprint(EventPacket.getClassSchema()));
        assertThat(Schemas.fingerprint(SensorInfo.getClassSchema()))
                .isNotEqualTo(Schemas.fingerprint(EventPacket.getClassSchema()));
    }

    private static void collectUndocumented(Schema schema, Map<Schema, Boolean> seen, List<String> out) {
        if (seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                if (isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
                for (Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        out.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, out);
                }
            }
            case ENUM -> {
                if (isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
            }
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, out);
            case MAP -> collectUndocumented(schema.getValueType(), seen, out);
            case UNION -> schema.getTypes().forEach(branch -> collectUndocumented(branch, seen, out));
            default -> { }
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
