package dev.syncdict.shell;

import java.util.List;

/** Shows command results and errors; commands hand it typed results and never print themselves. */
public interface Printer {

    /** A JSON value: what get, dump, incr, info and ping return. */
    void value(Object json);

    /** One page of keys, and whether more follow. */
    void keys(List<Object> keys, boolean more);

    /** A note for the person at the terminal (goes to standard error, never mixed into results). */
    void note(String message);

    /** An error: its wire code (or null for an error found by the shell) and its message. */
    void error(String code, String message);
}
