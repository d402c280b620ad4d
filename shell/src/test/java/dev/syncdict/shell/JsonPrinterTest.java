package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printer's terminal forms that no daemon in a test produces on demand, and how it writes results held back. */
class JsonPrinterTest {

    @Test
    void infoOnATerminalNamesSizesAndDurationsInHumanUnitsAtEveryLevel() {
        StringWriter out = new StringWriter();
        JsonPrinter printer = new JsonPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()), true, false, false, false);
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) Json.parse("{\"uptime_ms\":61000,\"memory\":{\"heap_used\":2097152},"
                + "\"persistence\":{\"log_bytes\":1536,\"log_records\":25,\"recovery_ms\":50}}");
        printer.info(info);
        assertThat(out.toString()).contains("\"uptime\": \"1m 1s\"").contains("\"heap_used\": \"2.0 MiB\"")
                .contains("\"log_bytes\": \"1.5 KiB\"").contains("\"log_records\": 25").contains("\"recovery\": \"50ms\"");
    }

    /** A number reads the same whichever form prints it: a compact value, a raw key (an array's index), a pretty value. */
    @Test
    void everyFormWritesANumberAlike() {
        for (String text : java.util.List.of("0", "12", "0.001", "1.50", "1E+400", "-2.5E-30")) {
            java.math.BigDecimal number = new java.math.BigDecimal(text);
            String compact = printed(false, false, printer -> printer.value(number));
            assertThat(compact).isEqualTo(Json.write(number) + "\n");
            assertThat(printed(false, true, printer -> printer.keys(java.util.List.of(number), false))).isEqualTo(compact);
            assertThat(printed(true, false, printer -> printer.value(number))).isEqualTo(compact);
        }
    }

    /** A co-process reads one line per statement: "OK" for one with nothing to show, and under --keep-going a failure's error. */
    @Test
    void answeringEveryStatementPrintsOkAndUnderKeepGoingErrorsOnStandardOutputToo() {
        assertThat(printed(false, false, JsonPrinter::done)).isEmpty();
        assertThat(printed(false, false, printer -> {
            printer.answerEveryStatement(false);
            printer.done();
        })).isEqualTo("\"OK\"\n");
        assertThat(printed(false, true, printer -> {
            printer.answerEveryStatement(false);
            printer.done();
        })).isEqualTo("OK\n");
        StringWriter err = new StringWriter();
        for (boolean keepGoing : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            JsonPrinter printer = new JsonPrinter(new PrintWriter(out), new PrintWriter(err), false, false, false, false);
            printer.answerEveryStatement(keepGoing);
            printer.context("line 2");
            printer.error("not_found", "no value at x");
            assertThat(out.toString()).isEqualTo(keepGoing ? "{\"error\":{\"code\":\"not_found\",\"message\":\"line 2: no value at x\"}}\n" : "");
        }
        assertThat(err.toString()).isEqualTo("syncdict: line 2: no value at x (not_found)\n".repeat(2));
    }

    private static String printed(boolean pretty, boolean raw, java.util.function.Consumer<JsonPrinter> print) {
        StringWriter out = new StringWriter();
        print.accept(new JsonPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()), pretty, false, raw, false));
        return out.toString();
    }

    /** Standard output and standard error sent to one file: results held back still come before the error after them. */
    @Test
    void heldResultsWaitForReleaseButNeverFallBehindAnError() {
        StringWriter both = new StringWriter();
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(both), true);
        JsonPrinter printer = new JsonPrinter(out, new PrintWriter(both, true), false, false, false, false);
        printer.hold();
        printer.value(new java.math.BigDecimal("1.50"));
        printer.value(Map.of("a", true));
        assertThat(both.toString()).isEmpty();
        printer.context("line 3");
        printer.error("not_found", "no value at x");
        printer.value("after");
        printer.release();
        assertThat(both.toString()).isEqualTo("1.50\n{\"a\":true}\nsyncdict: line 3: no value at x (not_found)\n\"after\"\n");
    }
}
