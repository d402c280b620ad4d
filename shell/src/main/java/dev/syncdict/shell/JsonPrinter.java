package dev.syncdict.shell;

import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Json;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints results as JSON: compact, one result per line, for pipes and jq; indented and, unless
 * NO_COLOR is set, colored for a terminal. With {@code raw}, strings print without quotes and keys
 * one per line. Errors go to standard error as {@code syncdict: message}, or as JSON with
 * {@code jsonErrors}.
 */
public final class JsonPrinter implements Printer {

    private static final String KEY = "\u001b[34;1m";
    private static final String STRING = "\u001b[32m";
    private static final String NUMBER = "\u001b[36m";
    private static final String LITERAL = "\u001b[33m";
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean pretty;
    private final boolean color;
    private final boolean raw;
    private final boolean jsonErrors;
    /** Whether every statement answers with a line on standard output ({@link #answerEveryStatement(boolean)}). */
    private boolean answerEach;
    /** Whether errors answer there too: a script that goes on after a failure. */
    private boolean answerErrors;
    private String context = "";
    /** Whether results wait in the writer's buffer until {@link #release()}. */
    private boolean held;

    public JsonPrinter(PrintWriter out, PrintWriter err, boolean pretty, boolean color, boolean raw, boolean jsonErrors) {
        this.out = out;
        this.err = err;
        this.pretty = pretty;
        this.color = color;
        this.raw = raw;
        this.jsonErrors = jsonErrors;
    }

    /**
     * From now on every statement answers with at least one line on standard output, as redis-cli's
     * do: {@code "OK"} (OK with raw) for one that has nothing to show, and, when {@code failuresGoOn}
     * (--keep-going), a failure its error as JSON there too, besides standard error. Otherwise a
     * failure ends the script, and the end of the output is its answer. For statements read from
     * standard input that is not a terminal: a co-process that sends one reads its answer, and a
     * statement that printed nothing would leave it waiting for ever.
     */
    public void answerEveryStatement(boolean failuresGoOn) {
        answerEach = true;
        answerErrors = failuresGoOn;
    }

    /** Where errors happen, such as "line 3", to prefix messages with; empty for none. */
    public void context(String where) {
        context = where;
    }

    /**
     * Keeps results in the writer's buffer until {@link #release()}: a script shows many replies
     * that came together with one write instead of one each. Errors and notes still go at once,
     * after the results held before them.
     */
    public void hold() {
        held = true;
    }

    /** Writes what {@link #hold()} kept, and flushes every result from now on. */
    public void release() {
        held = false;
        out.flush();
    }

    /** One line of results; flushed unless held. */
    private void line(Object text) {
        out.print(text);
        out.print('\n');
    }

    private void flush() {
        if (!held) {
            out.flush();
        }
    }

    @Override
    public void value(Object json) {
        if (raw && json instanceof String) {
            line((String) json);
        } else if (pretty) {
            StringBuilder text = new StringBuilder();
            pretty(text, json, "");
            line(text);
        } else if (json instanceof BigDecimal) {
            line(Json.numberText((BigDecimal) json)); // what Json.write writes, without a generator per number
        } else {
            line(Json.write(json));
        }
        flush();
    }

    @Override
    public void done() {
        if (answerEach) {
            line(raw ? "OK" : "\"OK\"");
            flush();
        }
    }

    @Override
    public void keys(List<Object> keys, boolean more) {
        if (raw) {
            for (Object key : keys) {
                line(key instanceof BigDecimal ? Json.numberText((BigDecimal) key) : key); // an array's indices
            }
            flush();
        } else {
            value(keys);
        }
        if (more && pretty) {
            note("more keys follow; list them with --after or a larger --limit");
        }
    }

    @Override
    public void change(long rev, Event.Change change) {
        if (pretty) {
            line(rev + " " + change.kind() + " " + change.path()
                    + (change.value() == null ? "" : " " + Json.write(change.value()))
                    + (change.prev() == null ? "" : " (was " + Json.write(change.prev()) + ")"));
        } else {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("rev", BigDecimal.valueOf(rev));
            line.put("kind", change.kind());
            line.put("path", change.path().toString());
            if (change.value() != null) {
                line.put("value", change.value());
            }
            if (change.prev() != null) {
                line.put("prev", change.prev());
            }
            line(Json.write(line));
        }
        flush();
    }

    @Override
    public boolean closed() {
        return out.checkError();
    }

    @Override
    public void info(Map<String, Object> info) {
        if (!pretty) {
            value(info);
            return;
        }
        value(humanized(info, false));
    }

    /**
     * Info in human units: a number named {@code ..._ms} as a duration under the name without the
     * suffix, one named {@code ..._bytes} (or any in {@code memory}) as a size; nested objects alike.
     */
    private static Map<String, Object> humanized(Map<?, ?> info, boolean allBytes) {
        Map<String, Object> shown = new LinkedHashMap<>();
        info.forEach((name, value) -> {
            String key = (String) name;
            if (value instanceof Map) {
                shown.put(key, humanized((Map<?, ?>) value, key.equals("memory")));
            } else if (value instanceof BigDecimal && key.endsWith("_ms")) {
                shown.put(key.substring(0, key.length() - 3), HumanUnits.duration(((BigDecimal) value).longValue()));
            } else if (value instanceof BigDecimal && (allBytes || key.endsWith("_bytes"))) {
                shown.put(key, HumanUnits.bytes(((BigDecimal) value).longValue()));
            } else {
                shown.put(key, value);
            }
        });
        return shown;
    }

    @Override
    public void stamp(long revision) {
        if (pretty) {
            line(paint(DIM, java.time.LocalTime.now().format(Clock.FORMAT) + " rev " + revision));
        }
    }

    @Override
    public void endLine() {
        line("");
        flush();
    }

    @Override
    public void note(String message) {
        out.flush();
        err.println("syncdict: " + message);
        err.flush();
    }

    @Override
    public void error(String code, String message) {
        String where = context.isEmpty() ? "" : context + ": ";
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", where + message);
        String json = Json.write(Map.of("error", error));
        if (answerErrors) {
            line(json);
        }
        out.flush(); // the results before it come first, should both streams go to one place
        if (jsonErrors) {
            err.println(json);
        } else {
            // The daemon's code is named, to look up in the protocol's list; the shell's own would add nothing.
            err.println("syncdict: " + where + message + (ShellErrors.isShells(code) ? "" : " (" + code + ")"));
        }
        err.flush();
    }

    /** jq's layout: two-space indent, one member per line, empty containers inline. */
    private void pretty(StringBuilder text, Object json, String indent) {
        if (json instanceof Map && !((Map<?, ?>) json).isEmpty()) {
            text.append("{\n");
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
                if (!first) {
                    text.append(",\n");
                }
                first = false;
                text.append(inner).append(paint(KEY, Json.quote((String) entry.getKey()))).append(": ");
                pretty(text, entry.getValue(), inner);
            }
            text.append('\n').append(indent).append('}');
        } else if (json instanceof List && !((List<?>) json).isEmpty()) {
            text.append("[\n");
            String inner = indent + "  ";
            boolean first = true;
            for (Object element : (List<?>) json) {
                if (!first) {
                    text.append(",\n");
                }
                first = false;
                text.append(inner);
                pretty(text, element, inner);
            }
            text.append('\n').append(indent).append(']');
        } else if (json instanceof String) {
            text.append(paint(STRING, Json.quote((String) json)));
        } else if (json instanceof BigDecimal) {
            text.append(paint(NUMBER, Json.numberText((BigDecimal) json)));
        } else if (json instanceof Map || json instanceof List) {
            text.append(Json.write(json));
        } else {
            text.append(paint(LITERAL, Json.write(json)));
        }
    }

    /** The loop stamp's clock format, built on first use: java.time's formatters cost a one-shot command milliseconds. */
    private static final class Clock {
        static final java.time.format.DateTimeFormatter FORMAT = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.S");
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
