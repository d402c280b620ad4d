package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user error in error-messages.txt gets the message recorded there: one line that says what
 * was wrong, where and what to do, with no parser internals and at most a short excerpt of the
 * input. After changing a message on purpose, regenerate the file with:
 * {@code mvn -pl shell -am test -Dtest=ErrorMessagesTest -Dsurefire.failIfNoSpecifiedTests=false -Dsyncdict.regenerate=true}
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ErrorMessagesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/error-messages.txt");
    private static final Pattern REPEAT = Pattern.compile("%%(.+?)\\*(\\d+)%%");

    @TempDir
    Path home;

    @Test
    void badInputsGetTheRecordedMessages() throws Exception {
        StringBuilder actual = new StringBuilder();
        try (ShellHarness shell = new ShellHarness(home)) {
            shell.run("set", "users", "{\"bob\": 1}");
            shell.run("set", "usage", "5");
            for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
                if (line.startsWith("<")) {
                    continue;
                }
                actual.append(line).append('\n');
                if (!line.startsWith("> ")) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                for (String word : Tokenizer.statements(line.substring(2)).get(0).words()) {
                    args.add(expand(word));
                }
                ShellHarness.Result result = shell.run(args.toArray(new String[0]));
                String message = result.err().strip();
                assertThat(message).as(line).doesNotContain("Source:", "index 1", "long", "\n").hasSizeLessThan(300);
                assertThat(result.exit()).as(line).isNotZero();
                actual.append("< ").append(result.exit()).append(' ').append(message).append('\n');
            }
        }
        if (Boolean.getBoolean("syncdict.regenerate")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(GOLDEN, StandardCharsets.UTF_8)).isEqualTo(actual.toString());
    }

    /** Expands %%TEXT*N%% to TEXT repeated N times. */
    private static String expand(String word) {
        Matcher m = REPEAT.matcher(word);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(expanded, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        return m.appendTail(expanded).toString();
    }
}
