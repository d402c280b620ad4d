package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void numbersAreExactDecimals() {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.add((BigDecimal) Json.parse("0.1"));
        }
        assertThat(Json.write(sum)).isEqualTo("1.0");
        assertThat(Json.write(Json.parse("1"))).isEqualTo("1");
        assertThat(Json.write(Json.parse("1e2"))).isEqualTo("100");
        assertThat(Json.write(Json.parse("1e400"))).isEqualTo("1E+400");
        assertThat(Json.write(Json.parse("-0.000125"))).isEqualTo("-0.000125");
    }

    @Test
    void roundTripsEveryType() {
        String text = "{\"s\":\"é\\n\",\"n\":-1.50,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[2],{}],\"o\":{\"k\":\"v\"}}";
        Object value = Json.parse(text);
        assertThat(Json.write(value)).isEqualTo(text);
        assertThat(((Map<?, ?>) value).get("z")).isSameAs(Json.NULL);
    }

    @Test
    void equalityIsByValue() {
        assertThat(Json.equal(Json.parse("{\"a\":1.0,\"b\":[1]}"), Json.parse("{\"b\":[1.00],\"a\":1}"))).isTrue();
        assertThat(Json.equal(Json.parse("[1,2]"), Json.parse("[2,1]"))).isFalse();
        assertThat(Json.equal(Json.parse("\"1\""), Json.parse("1"))).isFalse();
        assertThat(Json.equal(Json.NULL, Json.parse("null"))).isTrue();
        assertThat(Json.equal(List.of(), Map.of())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "1 2", "tru", "'x'", "NaN"})
    void rejectsWhatIsNotOneJsonValue(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class)
                .satisfies(e -> assertThat(((JsonException) e).isOverLimit()).isFalse());
    }

    /**
     * An exponent past what a BigDecimal holds is out of range like one past the protocol's, on
     * every way in: Jackson reported it as a bare NumberFormatException, which closed the
     * daemon's connection and showed a Java exception in the shell.
     */
    @Test
    void anExponentPastWhatABigDecimalHoldsIsOutOfRangeOnEveryWayIn() {
        for (String number : List.of("1e99999999999", "-1E+2147483648", "1e-99999999999", "0.5e2147483648")) {
            String object = "{\"a\":[" + number + "]}";
            byte[] utf8 = object.getBytes(StandardCharsets.UTF_8);
            for (Executable parse : List.<Executable>of(
                    () -> Json.parse(number), () -> Json.parse(object), () -> Json.parse(utf8, 0, utf8.length),
                    () -> Json.parseMembers(utf8, 0, utf8.length, (name, value) -> { }))) {
                JsonException e = Assertions.assertThrows(JsonException.class, parse, number);
                assertThat(e.code()).as(number).isEqualTo(ErrorCode.OUT_OF_RANGE);
                assertThat(e.getMessage()).isEqualTo("number out of range: its exponent is past ±" + Limits.NUMBER_EXPONENT);
            }
        }
    }

    @Test
    void eachLimitHasItsOwnCode() {
        String deep = "[".repeat(Limits.LINE_DEPTH + 1) + "]".repeat(Limits.LINE_DEPTH + 1);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class)
                .satisfies(e -> assertThat(((JsonException) e).code()).isEqualTo(ErrorCode.TOO_DEEP));
        String deepest = "[".repeat(Limits.LINE_DEPTH) + "]".repeat(Limits.LINE_DEPTH);
        assertThat(Json.parse(deepest)).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("1e999999999")).isInstanceOf(JsonException.class)
                .hasMessageContaining("out of range")
                .satisfies(e -> assertThat(((JsonException) e).code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
        String mostDigits = "9".repeat(Limits.NUMBER_DIGITS);
        assertThat(Json.parse(mostDigits)).isEqualTo(new java.math.BigDecimal(mostDigits));
        assertThatThrownBy(() -> Json.parse(mostDigits + "9")).isInstanceOf(JsonException.class)
                .satisfies(e -> assertThat(((JsonException) e).code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
    }

    @Test
    void everyNumberWithinTheLimitsIsWrittenSoThatItParsesBack() {
        for (String text : List.of("-0." + "0".repeat(19) + "9".repeat(Limits.NUMBER_DIGITS), "9".repeat(Limits.NUMBER_DIGITS - 20) + "e20",
                "1e" + Limits.NUMBER_EXPONENT, "-1e-" + Limits.NUMBER_EXPONENT, "9".repeat(Limits.NUMBER_DIGITS) + "e-" + Limits.NUMBER_EXPONENT)) {
            Object number = Json.parse(text);
            assertThat(Json.equal(Json.parse(Json.write(number)), number)).as(text).isTrue();
        }
    }

    @Test
    void typeNames() {
        assertThat(List.of("{}", "[]", "\"s\"", "1", "true", "null").stream().map(t -> Json.typeName(Json.parse(t))))
                .containsExactly("object", "array", "string", "number", "boolean", "null");
    }
}
