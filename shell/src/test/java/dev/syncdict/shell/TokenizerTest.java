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

    /** A script given a line at a time: each statement is there once its last line is, its lines the script's. */
    @Test
    void aScriptGivenLineByLineEndsEachStatementAsItsLastLineComes() {
        Tokenizer script = Tokenizer.script();
        script.append("set a 1\n\nset b 2; set c {\n");
        assertThat(script.take()).containsExactly(
                new Tokenizer.Statement(List.of("set", "a", "1"), 1), new Tokenizer.Statement(List.of("set", "b", "2"), 3));
        script.append("  \"x\": [1,\n");
        assertThat(script.take()).isEmpty();
        script.append("2]}; get c\n");
        assertThat(script.take()).containsExactly(new Tokenizer.Statement(List.of("set", "c", "{\n  \"x\": [1,\n2]}"), 3),
                new Tokenizer.Statement(List.of("get", "c"), 5));
        script.append("get d");
        assertThat(script.take()).isEmpty();
        assertThat(script.end()).isNull();
        assertThat(script.take()).containsExactly(new Tokenizer.Statement(List.of("get", "d"), 6));

        Tokenizer open = Tokenizer.script();
        open.append("get a\nset c {\n\"x\": 1\n");
        assertThat(open.take()).hasSize(1);
        assertThat(open.end()).hasMessage("unterminated { bracket starting on line 2");
        assertThat(open.openLine()).isEqualTo(2);
    }

    /**
     * A value of 20,000 lines given a line at a time, as a co-process or a slow pipe sends it: each
     * character is examined about once. Reading the open statement again from its start at each
     * line, as the shell did, examines about 20,000 / 2 times as many.
     */
    @Test
    void aValueGivenALineAtATimeIsReadOnce() {
        Tokenizer script = Tokenizer.script();
        StringBuilder all = new StringBuilder("set big {\n");
        script.append("set big {\n");
        for (int i = 0; i < 20_000; i++) {
            String line = "  \"k" + i + "\": [" + i + ", \"v;" + i + "\"],\n";
            all.append(line);
            script.append(line);
            assertThat(script.take()).isEmpty();
        }
        all.append("  \"end\": 0\n}\n");
        script.append("  \"end\": 0\n}\n");
        List<Tokenizer.Statement> statements = script.take();
        assertThat(statements).containsExactly(new Tokenizer.Statement(List.of("set", "big", all.substring(8, all.length() - 1)), 1));
        assertThat(script.examined()).isLessThan(2L * all.length());
    }

    /** However a text is cut into pieces, and however long it is, it splits as the whole text does, an open quote or bracket included. */
    @Test
    void aTextCutAnywhereSplitsAsTheWholeTextDoes() {
        String[] tokens = {"set", "a", "1", " ", "\t", "\n", ";", "'", "\"", "\\", "{", "}", "[", "]", "#", "x y", "é"};
        java.util.Random random = new java.util.Random(0x70c3);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(i % 10 == 0 ? 3_000 : 40); n > 0; n--) {
                text.append(tokens[random.nextInt(tokens.length)]);
            }
            Object whole;
            try {
                whole = Tokenizer.statements(text.toString());
            } catch (Tokenizer.Unterminated open) {
                whole = open.getMessage();
            }
            Tokenizer script = Tokenizer.script();
            List<Tokenizer.Statement> pieces = new java.util.ArrayList<>();
            for (int at = 0; at < text.length(); ) {
                int next = Math.min(text.length(), at + 1 + random.nextInt(12));
                script.append(text.subSequence(at, next));
                pieces.addAll(script.take());
                at = next;
            }
            Tokenizer.Unterminated open = script.end();
            pieces.addAll(script.take());
            assertThat(open == null ? pieces : open.getMessage()).as("%s", text).isEqualTo(whole);
        }
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
