package dev.syncdict.daemon;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.temporal.ChronoUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The daemon's log: one line per event on standard error, which is the log file for a daemon
 * started in the background ({@code $XDG_STATE_HOME/syncdict/syncdictd.log}) and the journal under
 * systemd. It is java.util.logging's root handler, so Netty's own warnings land there too (Netty
 * logs through it when no other logging library is present).
 */
final class DaemonLog {

    private DaemonLog() {}

    /** Makes every record one line: time (UTC, milliseconds), level, message, then any stack trace. */
    static void install() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.INFO);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(record.getInstant().truncatedTo(ChronoUnit.MILLIS)).append(' ')
                    .append(record.getLevel().getName()).append(' ')
                    .append(formatMessage(record)).append('\n');
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
