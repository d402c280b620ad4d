package dev.syncdict.shell;

import dev.syncdict.protocol.Locations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a daemon in the background for this user. Race-safe: a file lock serialises shells that
 * start at the same moment, and each checks again under the lock, so together they start one
 * daemon. The daemon runs in its own session (setsid), so a Ctrl+C in the terminal that started it
 * does not reach it; its stderr goes to the log file and its one stdout line says it is ready.
 */
final class DaemonLauncher {

    /** The environment variable that names the syncdictd executable to start. */
    static final String DAEMON_ENV = "SYNCDICT_DAEMON";
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final Map<String, String> env;
    private final Locations locations;

    DaemonLauncher(Map<String, String> env, Locations locations) {
        this.env = env;
        this.locations = locations;
    }

    /** What happened: whether this call started the daemon, and its ready line. */
    record Outcome(boolean started, String readyLine) {}

    /** Makes sure a daemon answers at the target, starting one if nothing listens there. */
    Outcome ensureRunning(Target target, Path tokenFile) throws IOException {
        Files.createDirectories(locations.autostartLock().getParent());
        try (FileChannel channel = FileChannel.open(locations.autostartLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (listening(target)) {
                return new Outcome(false, null);
            }
            return new Outcome(true, start(target, tokenFile));
        }
    }

    /** Whether anything accepts connections at the target. */
    static boolean listening(Target target) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String start(Target target, Path tokenFile) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(daemonCommand());
        command.addAll(List.of("--bind", target.host(), "--port", String.valueOf(target.port()),
                "--pid-file", locations.pidFile().toString()));
        if (tokenFile != null) {
            command.addAll(List.of("--token-file", tokenFile.toString()));
        }
        Files.createDirectories(locations.logFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(locations.logFile().toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DaemonStartException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        }
        BufferedReader ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return ready.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String readyLine = line.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (readyLine == null) {
                throw new DaemonStartException("syncdictd did not start" + logTail());
            }
            return readyLine;
        } catch (TimeoutException e) {
            process.destroy();
            throw new DaemonStartException("syncdictd did not become ready within " + READY_TIMEOUT_SECONDS + "s" + logTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonStartException("interrupted while starting syncdictd");
        } catch (ExecutionException e) {
            throw new DaemonStartException("cannot read from syncdictd: " + e.getCause());
        } finally {
            // The daemon never writes to stdout after its ready line; our end of the pipe can go.
            ready.close();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(locations.logFile(), StandardCharsets.UTF_8);
            return "; the end of " + locations.logFile() + " says:\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "; see " + locations.logFile();
        }
    }

    /**
     * $SYNCDICT_DAEMON, or the syncdictd launcher that install.sh puts beside this shell's jar: it
     * starts the daemon with its JVM flags and start-up archive, which a bare {@code java -jar} would not.
     */
    private List<String> daemonCommand() throws IOException {
        String explicit = env.get(DAEMON_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return List.of(explicit);
        }
        try {
            Path shellJar = Path.of(DaemonLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path launcher = shellJar.resolveSibling("syncdictd");
            if (Files.isRegularFile(launcher) && Files.isExecutable(launcher)) {
                return List.of(launcher.toString());
            }
        } catch (URISyntaxException | SecurityException e) {
            // Fall through to the error below.
        }
        throw new DaemonStartException("cannot find syncdictd to start: install syncdict with install.sh, or set "
                + DAEMON_ENV + " to the syncdictd executable");
    }
}
