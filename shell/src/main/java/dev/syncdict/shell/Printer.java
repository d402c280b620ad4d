package dev.syncdict.shell;

import dev.syncdict.protocol.Event;
import java.util.List;

/** Shows command results and errors; commands hand it typed results and never print themselves. */
public interface Printer {

    /** A JSON value: what get, dump, incr, info and ping return. */
    void value(Object json);

    /**
     * A command succeeded with nothing to show (set, del, load): nothing, unless every statement
     * answers with a line ({@link JsonPrinter#answerEveryStatement(boolean)}).
     */
    void done();

    /** The daemon's info: human units on a terminal, the raw numbers otherwise. */
    void info(java.util.Map<String, Object> info);

    /** Marks the next result as one run of an {@code every} loop, at this revision (on a terminal: time and revision). */
    void stamp(long revision);

    /** One page of keys, and whether more follow. */
    void keys(List<Object> keys, boolean more);

    /**
     * One change a watch reported, at its revision: one JSON line on a pipe
     * ({@code {"rev":..,"kind":..,"path":..,"value":..}}), a readable line on a terminal.
     */
    void change(long rev, Event.Change change);

    /** Ends the line on standard output, after what the terminal wrote there itself (an echoed {@code ^C}). */
    void endLine();

    /** A note for the person at the terminal (goes to standard error, never mixed into results). */
    void note(String message);

    /** Whether standard output has gone (the reader of a pipe exited): a loop or a watch then ends, as Unix tools do. */
    boolean closed();

    /** An error: the daemon's wire code, or for an error the shell found one of {@link ShellErrors}, and its message. */
    void error(String code, String message);
}
