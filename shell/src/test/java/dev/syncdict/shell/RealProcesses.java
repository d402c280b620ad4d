package dev.syncdict.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shell and the daemon as real processes on this test's classpath, in an isolated set of
 * XDG directories and on a loopback address of their own, as a person would run them.
 */
final class RealProcesses implements AutoCloseable {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String CLASSPATH = System.getProperty("java.class.path");

    final Path home;
    /** Where this run's daemon listens, HOST:PORT. */
    final String address;
    final Map<String, String> env = new HashMap<>();
    private final List<Process> started = new ArrayList<>();

    /** What a finished process printed and returned. */
    record Finished(int exit, String out, String err) {}

    RealProcesses(Path home) throws IOException {
        this.home = home;
        // A loopback address of this run's own, on the default port: the daemon that auto-start
        // launches binds it, and no other process picks it, as a probed free port could be.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255) + ":" + Target.DEFAULT_PORT;
        Path daemon = home.resolve("syncdictd");
        Files.writeString(daemon, "#!/bin/sh\nexec '" + JAVA + "' -cp '" + CLASSPATH + "' dev.syncdict.daemon.Syncdictd \"$@\"\n");
        Files.setPosixFilePermissions(daemon, PosixFilePermissions.fromString("rwx------"));
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        env.put(Target.ENV, address);
        env.put(DaemonLauncher.DAEMON_ENV, daemon.toString());
    }

    /** Starts {@code syncdict ARGS} (optionally as the leader of its own process group). */
    Process start(boolean ownGroup, String... args) throws IOException {
        return start(ownGroup, List.of(), args);
    }

    /** Starts {@code syncdict ARGS} with these JVM options. */
    Process start(boolean ownGroup, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            command.add("/usr/bin/setsid");
        }
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.addAll(shellCommand().subList(1, 4));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** The command that runs the shell: java, its options, the classpath and the main class. */
    static List<String> shellCommand() {
        return List.of(JAVA, "-cp", CLASSPATH, "dev.syncdict.shell.Main");
    }

    /** Runs {@code syncdict ARGS} to the end. */
    Finished run(String... args) throws IOException, InterruptedException {
        return finish(start(false, args));
    }

    static Finished finish(Process process) throws IOException, InterruptedException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("process did not finish: " + out + err);
        }
        return new Finished(process.exitValue(), out, err);
    }

    static BufferedReader stdout(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends SIGINT to a whole process group, as a terminal's Ctrl+C does. */
    static void ctrlC(long processGroup) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", "--", "-" + processGroup).inheritIO().start().waitFor();
    }

    Path pidFile() {
        return home.resolve("state/syncdict/syncdictd.pid");
    }

    @Override
    public void close() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
        }
        if (Files.exists(pidFile())) {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }
}
