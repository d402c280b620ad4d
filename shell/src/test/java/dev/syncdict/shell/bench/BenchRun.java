package dev.syncdict.shell.bench;

import dev.syncdict.protocol.Json;
import dev.syncdict.shell.Main;
import dev.syncdict.shell.ShellIo;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** One run of the shell's real entry point, in-process, with its output captured. */
record BenchRun(int exit, String out, String err) {

    static BenchRun of(Map<String, String> env, String... args) {
        return of(env, false, args);
    }

    /** A run whose standard output is, or is not, a terminal. */
    static BenchRun of(Map<String, String> env, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShellIo io = new ShellIo(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                env, false, terminal);
        return new BenchRun(Main.run(args, io), out.toString(), err.toString());
    }

    /** The --json report. */
    @SuppressWarnings("unchecked")
    Map<String, Object> report() {
        return (Map<String, Object>) Json.parse(out);
    }

    /** The report's test of this name. */
    @SuppressWarnings("unchecked")
    Map<String, Object> test(String name) {
        return ((List<Map<String, Object>>) report().get("tests")).stream()
                .filter(test -> test.get("test").equals(name)).findFirst().orElseThrow();
    }

    long number(String test, String field) {
        return ((Number) test(test).get(field)).longValue();
    }
}
