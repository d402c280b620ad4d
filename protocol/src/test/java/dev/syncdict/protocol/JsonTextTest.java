package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

/**
 * The writer without a generator against Jackson's generator on a writer, which it replaces for
 * {@link Json#write(Object)}: every value must come out character for character the same. Values
 * are generated from a fixed seed (-Dsyncdict.fuzz.inputs=N runs more).
 */
class JsonTextTest {

    private static final long SEED = Long.getLong("syncdict.fuzz.seed", 0x7e47_0001L);
    private static final int BUDGET = Integer.getInteger("syncdict.fuzz.inputs", 20_000);

    @Test
    void writesEveryValueAsTheGeneratorDoes() {
        RandomJson random = new RandomJson(SEED);
        for (int i = 0; i < BUDGET; i++) {
            Object value = random.value(3);
            assertThat(JsonText.write(value)).as("value %d", i).isEqualTo(generated(value));
        }
    }

    @Test
    void writesEveryCharacterBelowTheFirstSurrogateAsTheGeneratorDoes() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        String text = all.toString();
        assertThat(JsonText.write(text)).isEqualTo(generated(text));
        assertThat(JsonText.write(List.of("\ud800", "x\udfff", "\udbff\udfff"))).isEqualTo(generated(List.of("\ud800", "x\udfff", "\udbff\udfff")));
    }

    @Test
    void writesNumbersOfEveryJavaTypeAsTheGeneratorDoes() {
        for (Object number : List.of(Long.MIN_VALUE, Integer.MAX_VALUE, (short) -3, 1.5d, 2.5e300, 0.1f,
                new BigDecimal("1E+400"), new BigDecimal("-0.000000000000000000000000001"), new BigDecimal("123.4500"))) {
            assertThat(JsonText.write(number)).as("%s", number).isEqualTo(generated(number));
        }
    }

    @Test
    void refusesWhatIsNotAJsonValueAsTheGeneratorDoes() {
        assertThatThrownBy(() -> JsonText.write(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a JSON value: ");
        assertThatThrownBy(() -> generated(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a JSON value: ");
    }

    private static String generated(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.generator(out)) {
            Json.write(generator, value);
        }
        return out.toString();
    }
}
