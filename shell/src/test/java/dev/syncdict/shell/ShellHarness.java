package dev.syncdict.shell;

import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Token;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the shell's real entry point in-process against a real daemon on port 0, capturing everything. */
final class ShellHarness implements AutoCloseable {

    static final String TOKEN = "shell-test-token";

    final Daemon daemon;
    final Map<String, String> env = new HashMap<>();

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {}

    ShellHarness(Path home) throws InterruptedException {
        this(home, DaemonConfig.defaults(Token.of(TOKEN)));
    }

    /** A harness whose daemon has this configuration (on port 0, with the harness's token). */
    ShellHarness(Path home, DaemonConfig config) throws InterruptedException {
        try {
            daemon = Daemon.start(config.withPort(0));
        } catch (java.io.IOException inMemoryNeverThrows) {
            // Only a daemon with a data folder can fail to recover one.
            throw new java.io.UncheckedIOException(inMemoryNeverThrows);
        }
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        env.put(Target.ENV, "127.0.0.1:" + daemon.port());
        env.put(Token.ENV, TOKEN);
    }

    Result run(String... args) {
        return runWithInput("", false, args);
    }

    Result runWithInput(String stdin, boolean terminal, String... args) {
        return run(stdin, false, terminal, args);
    }

    /** As typed at a terminal: standard input and output are both terminals (give -f - to keep the REPL out). */
    Result runAtTerminal(String stdin, String... args) {
        return run(stdin, true, true, args);
    }

    private Result run(String stdin, boolean stdinIsTerminal, boolean stdoutIsTerminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShellIo io = new ShellIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Map.copyOf(env), stdinIsTerminal, stdoutIsTerminal);
        int exit = Main.run(args, io);
        return new Result(exit, out.toString(), err.toString());
    }

    @Override
    public void close() {
        daemon.close();
    }
}
