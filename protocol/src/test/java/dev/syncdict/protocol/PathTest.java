package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        ".               | .",
        "a               | a",
        ".a              | a",
        "a.b             | a.b",
        "a.b[2]          | a.b[2]",
        "a[-1]           | a[-1]",
        "a[0][1]         | a[0][1]",
        "'.\"odd.key\".x'  | '\"odd.key\".x'",
        "'[\"a b\"]'       | '\"a b\"'",
        "user-1.last_seen | user-1.last_seen",
        "'\"\\u00e9t\\u00e9\"' | été",
        "été.π           | été.π",
        ".[0]            | [0]",
    })
    void parsesAndPrintsCanonically(String text, String canonical) {
        Path path = Path.parse(text);
        assertThat(path).hasToString(canonical);
        assertThat(Path.parse(path.toString())).isEqualTo(path);
    }

    @org.junit.jupiter.api.Test
    void segmentsAreKeysAndIndexes() {
        assertThat(Path.parse("a.\"b.c\"[3]").segments())
                .containsExactly(new Path.Key("a"), new Path.Key("b.c"), new Path.Index(3));
        assertThat(Path.parse(".").segments()).isEqualTo(List.of());
        assertThat(Path.parse(".").isRoot()).isTrue();
    }

    @ParameterizedTest(name = "{0} fails at column {1}")
    @CsvSource(delimiter = '|', value = {
        "''              | 1 | empty path",
        "a..b            | 3 | expected a key but found '.'",
        "a.              | 3 | path ends with '.'",
        "..              | 2 | expected a key but found '.'",
        "a b             | 2 | expected '.' or '[' but found white space",
        "a[              | 3 | expected an array index",
        "a[x]            | 3 | expected an array index",
        "a[1             | 4 | expected ']'",
        "a[1x]           | 4 | expected ']' but found 'x'",
        "a[-]            | 3 | expected an array index",
        "a[\u0663]          | 3 | expected an array index",
        "a[1\uff10]         | 4 | expected ']'",
        "a[99999999999]  | 3 | is too large",
        "'a.\"b'         | 3 | unterminated quoted key",
        "'a.\"\\q\"'     | 3 | bad quoted key",
        "a]              | 2 | expected '.' or '[' but found ']'",
        "' a'            | 1 | expected a key but found white space",
    })
    void reportsWhereItBroke(String text, int column, String message) {
        assertThatThrownBy(() -> Path.parse(text))
                .isInstanceOf(PathException.class)
                .hasMessageContaining("at column " + column + ":")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((PathException) e).column()).isEqualTo(column));
    }

    @org.junit.jupiter.api.Test
    void aPathHasAtMostMaxSegments() {
        String longest = "a" + ".a".repeat(Path.MAX_SEGMENTS - 1);
        assertThat(Path.parse(longest).length()).isEqualTo(Path.MAX_SEGMENTS);
        assertThatThrownBy(() -> Path.parse(longest + "[0]"))
                .hasMessageContaining("a path has at most " + Path.MAX_SEGMENTS + " segments");
        assertThatThrownBy(() -> Path.parse("a.".repeat(1_000_000) + "a")).isInstanceOf(PathException.class);
    }

    @org.junit.jupiter.api.Test
    void parentAndResolve() {
        Path path = Path.parse("a.b[1]");
        assertThat(path.parent()).isEqualTo(Path.parse("a.b"));
        assertThat(path.last()).isEqualTo(new Path.Index(1));
        assertThat(Path.parse("a").resolve(Path.parse("b[0]"))).isEqualTo(Path.parse("a.b[0]"));
        assertThat(Path.ROOT.resolve(path)).isEqualTo(path);
    }
}
