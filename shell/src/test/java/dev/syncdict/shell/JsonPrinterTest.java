package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printer's terminal forms that no daemon in a test produces on demand. */
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
}
