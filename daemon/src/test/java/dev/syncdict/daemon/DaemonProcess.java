package dev.syncdict.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real syncdictd process on port 0, from the test classpath: for what only a separate process shows (its memory, a crash). */
final class DaemonProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

    final Process process;
    final int port;

    private DaemonProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts syncdictd with these JVM options and the token, and returns once it says which port it bound. */
    static DaemonProcess start(Path dir, String token, List<String> jvmOptions) throws IOException {
        return start(dir, token, jvmOptions, List.of());
    }

    /** Starts syncdictd with these JVM options, the token and these daemon options; returns once it says which port it bound. */
    static DaemonProcess start(Path dir, String token, List<String> jvmOptions, List<String> daemonOptions) throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Syncdictd.class.getName(),
                "--port", "0", "--token-file", tokenFile.toString()));
        command.addAll(daemonOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile());
        // Each test's data folder is its own, never the user's.
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher listening = line == null ? null : LISTENING.matcher(line);
        if (listening == null || !listening.find()) {
            process.destroyForcibly();
            throw new IOException("syncdictd did not start: " + line + "; " + Files.readString(dir.resolve("stderr")));
        }
        return new DaemonProcess(process, Integer.parseInt(listening.group(1)));
    }

    /** The process's resident memory in bytes, from /proc. */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
