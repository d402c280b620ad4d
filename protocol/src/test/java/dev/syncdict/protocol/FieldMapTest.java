package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    @Test
    void behavesAsAnEnumMapOfTheSameFields() {
        FieldMap fields = new FieldMap(new Field[] {Field.BY, Field.IF_REV, Field.PATH}, new Object[] {BigDecimal.TEN, 3L, Path.key("n")});
        Map<Field, Object> expected = new EnumMap<>(Field.class);
        expected.put(Field.PATH, Path.key("n"));
        expected.put(Field.BY, BigDecimal.TEN);
        expected.put(Field.IF_REV, 3L);

        assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(new ArrayList<>(fields.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(fields.get(Field.BY)).isEqualTo(BigDecimal.TEN);
        assertThat(fields.get(Field.VALUE)).isNull();
        assertThat(fields.containsKey(Field.IF_REV)).isTrue();
        assertThat(fields.containsKey(Field.PREFIX)).isFalse();
        assertThat(fields.getOrDefault(Field.PREFIX, "")).isEqualTo("");
    }

    @Test
    void cannotBeChanged() {
        FieldMap fields = new FieldMap(new Field[] {Field.PATH}, new Object[] {Path.key("n")});
        assertThatThrownBy(() -> fields.put(Field.BY, BigDecimal.ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue(Path.key("m")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(fields).containsOnlyKeys(Field.PATH);
    }

    @Test
    void aDecodedRequestEqualsTheSameRequestBuiltFieldByField() {
        Request decoded = Codec.decodeRequest("{\"if_rev\":2,\"value\":5,\"op\":\"set\",\"path\":\"a.b\"}");
        Request built = Request.of(Op.SET).with(Field.PATH, Path.parse("a.b")).with(Field.VALUE, new BigDecimal(5)).with(Field.IF_REV, 2L);
        assertThat(decoded).isEqualTo(built);
        assertThat(decoded.fields()).isEqualTo(built.fields());
        assertThat(Codec.encode(decoded)).isEqualTo(Codec.encode(built));
    }
}
