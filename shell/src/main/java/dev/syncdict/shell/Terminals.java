package dev.syncdict.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a standard stream is a terminal without loading a terminal library, which would
 * cost a one-shot command 100 ms or more (STACK.md section 3b).
 */
final class Terminals {

    private Terminals() {}

    /** Whether file descriptor 0, 1 or 2 is a terminal. */
    static boolean isTerminal(int fd) {
        try {
            // Linux names the device each descriptor points at; terminals live under /dev/pts or are /dev/tty*.
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            // Elsewhere: on JDK 17 a console exists only when both stdin and stdout are terminals.
            return System.console() != null;
        }
    }
}
