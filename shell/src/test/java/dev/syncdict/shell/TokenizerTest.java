package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<List<String>> words(String text) {
        return Tokenizer.statements(text).stream().map(Tokenizer.Statement::words).toList();
    }

    @Test
    void splitsStatementsOnSemicolonsAndNewlines() {
        assertThat(words("set a 1; incr a 2\nget a\n\n;;")).containsExactly(
                List.of("set", "a", "1"), List.of("incr", "a", "2"), List.of("get", "a"));
    }

    @Test
    void keepsJsonWhole() {
        assertThat(words("set cfg {\"port\": 80, \"tags\": [\"a b\", \"c;d\"]}"))
                .containsExactly(List.of("set", "cfg", "{\"port\": 80, \"tags\": [\"a b\", \"c;d\"]}"));
        assertThat(words("set list [1,\n 2]; get list[1]")).containsExactly(
                List.of("set", "list", "[1,\n 2]"), List.of("get", "list[1]"));
        assertThat(words("get [\"odd key\"].x")).containsExactly(List.of("get", "[\"odd key\"].x"));
        assertThat(words("set s \"a }{ b\"")).containsExactly(List.of("set", "s", "\"a }{ b\""));
    }

    @Test
    void quotes() {
        assertThat(words("set name 'two words'")).containsExactly(List.of("set", "name", "two words"));
        assertThat(words("get .\"odd.key\".x")).containsExactly(List.of("get", ".\"odd.key\".x"));
        assertThat(words("set q \"say \\\"hi\\\"\"")).containsExactly(List.of("set", "q", "\"say \\\"hi\\\"\""));
        assertThat(words("set a 'it;s'")).containsExactly(List.of("set", "a", "it;s"));
    }

    @Test
    void commentsAndLineNumbers() {
        List<Tokenizer.Statement> statements = Tokenizer.statements("# header\nset a 1 # trailing\n\nset b {\n}\nget b");
        assertThat(statements).extracting(Tokenizer.Statement::line).containsExactly(2, 4, 6);
        assertThat(statements.get(0).words()).containsExactly("set", "a", "1");
        assertThat(words("set tag a#b")).containsExactly(List.of("set", "tag", "a#b"));
        // Quoted words spanning lines count their lines too, single quotes as double.
        assertThat(Tokenizer.statements("set q 'a\nb'\nset r \"c\nd\"\nget nope")).extracting(Tokenizer.Statement::line)
                .containsExactly(1, 3, 5);
    }

    @Test
    void anOpenQuoteOrBracketIsUnterminated() {
        for (String open : List.of("set a {\"x\": 1", "set a \"open", "set a 'open", "set a [[1], [2]")) {
            assertThatThrownBy(() -> Tokenizer.statements(open)).as(open).isInstanceOf(Tokenizer.Unterminated.class);
        }
        assertThat(words("set a {}")).containsExactly(List.of("set", "a", "{}"));
        assertThatThrownBy(() -> Tokenizer.statements("set a [1, 2")).isInstanceOf(Tokenizer.Unterminated.class)
                .hasMessage("unterminated [ bracket starting on line 1");
    }

    /** A script's text read so far: the statements before one left open, and where that one starts, to be read again with more lines. */
    @Test
    void aPrefixEndsBeforeTheStatementLeftOpen() {
        String text = "set a 1\n\nset b 2; set c {\n  \"x\": [1,\n";
        Tokenizer.Prefix prefix = Tokenizer.prefix(text, 10);
        assertThat(prefix.statements()).containsExactly(
                new Tokenizer.Statement(List.of("set", "a", "1"), 10), new Tokenizer.Statement(List.of("set", "b", "2"), 12));
        assertThat(text.substring(prefix.rest())).isEqualTo("set c {\n  \"x\": [1,\n");
        assertThat(prefix.restLine()).isEqualTo(12);
        assertThat(prefix.open()).hasMessage("unterminated { bracket starting on line 12");
        // Read again from there with the next line, it ends, its lines still the script's.
        Tokenizer.Prefix rest = Tokenizer.prefix(text.substring(prefix.rest()) + "2]}; get c\n", prefix.restLine());
        assertThat(rest.open()).isNull();
        assertThat(rest.statements()).extracting(Tokenizer.Statement::line).containsExactly(12, 14);
        assertThat(rest.rest()).isEqualTo(text.length() - prefix.rest() + "2]}; get c\n".length());
        Tokenizer.Prefix whole = Tokenizer.prefix("get a\n", 1);
        assertThat(whole.open()).isNull();
        assertThat(whole.statements()).hasSize(1);
    }

    @Test
    void aLineUpToTheCursorSplitsIntoWordsAndTheWordBeingTyped() {
        assertThat(Tokenizer.partial("get us")).isEqualTo(new Tokenizer.Partial(List.of("get"), "us"));
        assertThat(Tokenizer.partial("get ")).isEqualTo(new Tokenizer.Partial(List.of("get"), ""));
        assertThat(Tokenizer.partial("set a 1; get")).isEqualTo(new Tokenizer.Partial(List.of(), "get"));
        assertThat(Tokenizer.partial("set a 1;")).isEqualTo(new Tokenizer.Partial(List.of(), ""));
        // An open quote or bracket is the word being typed, as typed, not an error.
        assertThat(Tokenizer.partial("get users.\"odd")).isEqualTo(new Tokenizer.Partial(List.of("get"), "users.\"odd"));
        assertThat(Tokenizer.partial("set a {\"x\": [1, ")).isEqualTo(new Tokenizer.Partial(List.of("set", "a"), "{\"x\": [1, "));
        assertThat(Tokenizer.partial("set a 'two wo")).isEqualTo(new Tokenizer.Partial(List.of("set", "a"), "'two wo"));
        assertThat(Tokenizer.partial("")).isEqualTo(new Tokenizer.Partial(List.of(), ""));
    }
}
