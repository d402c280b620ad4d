package dev.syncdict.shell;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads the plain invocations of the op commands ({@code get x}, {@code set a 1 --if-absent},
 * {@code incr n 2}, {@code keys --limit 5}, global options before them) without picocli, whose start
 * (a model built from annotations by reflection, its converters' set-up) costs a one-shot command
 * more than the JVM's own start, and a script about 100 µs a statement (docs/BENCHMARKS.md).
 *
 * <p>It knows the commands from {@link QuickTable}, a table written from picocli's model (the
 * annotations stay the one declaration; GeneratedArtifactsTest fails when the table is stale), and
 * fills the same fields of the same classes with the same converters. It takes only what picocli
 * would read the same way and returns null for anything else: help, a word that looks like an
 * option it does not know, {@code every}/{@code times}, a repeated option, a value its converter
 * refuses, an {@code @file}, too few or too many arguments. picocli then parses the invocation, so
 * every message, help text and exit code stays picocli's.
 */
final class QuickParser {

    /** How a table entry turns a word into a field's value. */
    static final String FLAG = "flag";
    static final String STRING = "string";
    static final String FILE = "file";
    static final String FALLBACK = "fallback";

    /** One command's (or the root's) arguments as the table lists them. */
    private static final class Spec {
        final Class<?> type;
        /** Mixin fields and their classes' names: a class is loaded only when its command is read. */
        final Map<String, String> mixins = new HashMap<>();
        final List<Arg> positionals = new ArrayList<>();
        final Map<String, Arg> options = new HashMap<>();

        Spec(Class<?> type) {
            this.type = type;
        }
    }

    /** An argument: the field it fills ({@code mixin.field} inside a mixin), whether it must be given, and its converter. */
    private record Arg(String field, boolean required, String converter) {}

    /** An invocation read: the root with its global options set, and the command to run once (null: none). */
    record Invocation(SyncdictCommand root, OpCommand command) {}

    private final Spec root;
    private final Map<String, Spec> commands;
    /** Every command's name, the quick parser's or not: picocli takes none as a global option's value. */
    private final Set<String> commandNames;
    private final Map<String, ITypeConverter<?>> converters = new HashMap<>();
    /** Fields looked up so far, by class and name: a script sets the same few thousands of times. */
    private final Map<Class<?>, Map<String, Field>> fields = new HashMap<>();
    /** Constructors by class name, looked up once: a script makes a command and its mixins per statement. */
    private final Map<String, java.lang.reflect.Constructor<?>> constructors = new HashMap<>();

    private QuickParser(Spec root, Map<String, Spec> commands, Set<String> commandNames) {
        this.root = root;
        this.commands = commands;
        this.commandNames = commandNames;
    }

    /** The parser of the table shipped with the shell, read on first use. */
    static QuickParser instance() {
        return Shipped.PARSER;
    }

    private static final class Shipped {
        static final QuickParser PARSER = read(QuickTable.TEXT);
    }

    /** Reads a table: tab-separated lines, a {@code command} line then its arguments; the first command is the root. */
    static QuickParser read(String table) {
        Spec rootSpec = null;
        Map<String, Spec> byName = new HashMap<>();
        Set<String> names = new HashSet<>();
        Spec current = null;
        for (String line : table.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            switch (f[0]) {
                case "command" -> {
                    current = new Spec(load(f[2]));
                    if (rootSpec == null) {
                        rootSpec = current;
                    } else {
                        byName.put(f[1], current);
                    }
                }
                case "subcommand" -> names.add(f[1]);
                case "mixin" -> current.mixins.put(f[1], f[2]);
                case "positional" -> current.positionals.add(new Arg(f[1], f[2].equals("required"), f[3]));
                case "option" -> current.options.put(f[1], new Arg(f[2], false, f[3]));
                default -> throw new IllegalStateException("bad line in QuickTable: " + line);
            }
        }
        return new QuickParser(rootSpec, byName, names);
    }

    /**
     * A command line: global options, then an op command and its arguments, or none (a script or
     * the REPL); null when picocli must read it.
     */
    Invocation invocation(String[] args, ShellIo io) {
        SyncdictCommand shell = new SyncdictCommand(io);
        Set<String> given = new HashSet<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i = option(root, shell, args, i, given);
            if (i < 0) {
                return null;
            }
        }
        shell.readQuickly(args);
        if (i == args.length) {
            return new Invocation(shell, null); // no command: a script or the REPL, as the options say
        }
        OpCommand command = command(List.of(args).subList(i, args.length));
        return command == null ? null : new Invocation(shell, command);
    }

    /** A statement's words (the command name first) as a command ready to run; null when picocli must read them. */
    OpCommand command(List<String> words) {
        Spec spec = commands.get(words.get(0));
        if (spec == null) {
            return null;
        }
        Object command = create(spec.type.getName());
        for (Map.Entry<String, String> mixin : spec.mixins.entrySet()) {
            set(command, mixin.getKey(), create(mixin.getValue()));
        }
        // Copied by hand: an immutable list's sublist copies itself to an array the generic way, 15 % of this method's time.
        String[] args = new String[words.size() - 1];
        for (int i = 0; i < args.length; i++) {
            args[i] = words.get(i + 1);
        }
        Set<String> given = new HashSet<>();
        int positional = 0;
        for (int i = 0; i < args.length; ) {
            if (args[i].startsWith("-") || spec.options.containsKey(args[i])) {
                i = option(spec, command, args, i, given);
                if (i < 0) {
                    return null;
                }
            } else if (positional < spec.positionals.size() && !args[i].startsWith("@")) {
                Arg arg = spec.positionals.get(positional++);
                if (!convertInto(command, arg, args[i])) {
                    return null;
                }
                i++;
            } else {
                return null;
            }
        }
        for (Arg missing : spec.positionals.subList(positional, spec.positionals.size())) {
            if (missing.required()) {
                return null;
            }
        }
        return (OpCommand) command;
    }

    /** Reads the option at {@code args[i]} into {@code target}; returns the index after it, or -1 to leave it to picocli. */
    private int option(Spec spec, Object target, String[] args, int i, Set<String> given) {
        String name = args[i];
        String attached = null;
        int equals = name.indexOf('=');
        if (!spec.options.containsKey(name) && equals > 0) {
            attached = name.substring(equals + 1);
            name = name.substring(0, equals);
        }
        Arg arg = spec.options.get(name);
        // picocli refuses an option given twice; the message is its to give.
        if (arg == null || arg.converter().equals(FALLBACK) || !given.add(arg.field())) {
            return -1;
        }
        if (arg.converter().equals(FLAG)) {
            if (attached != null) {
                return -1;
            }
            set(target, arg.field(), Boolean.TRUE);
            return i + 1;
        }
        String value = attached != null ? attached : i + 1 < args.length ? args[i + 1] : null;
        if (value == null || value.startsWith("-") || value.startsWith("@") || spec.options.containsKey(value)
                || spec == root && commandNames.contains(value) || !convertInto(target, arg, value)) {
            return -1;
        }
        return attached != null ? i + 1 : i + 2;
    }

    /** Converts a word as the argument's picocli converter does and stores it; false when the converter refuses it. */
    private boolean convertInto(Object target, Arg arg, String text) {
        Object value;
        try {
            value = switch (arg.converter()) {
                case STRING -> text;
                case FILE -> java.nio.file.Path.of(text);
                default -> converter(arg.converter()).convert(text);
            };
        } catch (Exception refused) {
            return false;
        }
        set(target, arg.field(), value);
        return true;
    }

    // No lambdas here: the first one costs a one-shot command milliseconds of method-handle set-up.
    private ITypeConverter<?> converter(String className) {
        ITypeConverter<?> converter = converters.get(className);
        if (converter == null) {
            converter = (ITypeConverter<?>) create(className);
            converters.put(className, converter);
        }
        return converter;
    }

    /** Sets a field of the target, or of one of its mixins ({@code conditions.ifRev}). */
    private void set(Object target, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot > 0) {
            set(get(target, path.substring(0, dot)), path.substring(dot + 1), value);
            return;
        }
        try {
            field(target.getClass(), path).set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object get(Object target, String name) {
        try {
            return field(target.getClass(), name).get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The field of this name declared by the class or a superclass (the repetition mixin is OpCommand's). */
    private Field field(Class<?> type, String name) {
        Map<String, Field> ofType = fields.computeIfAbsent(type, t -> new HashMap<>());
        Field field = ofType.get(name);
        if (field == null) {
            field = lookUp(type, name);
            ofType.put(name, field);
        }
        return field;
    }

    private static Field lookUp(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException notHere) {
                // Look in the superclass.
            }
        }
        throw new IllegalStateException("QuickTable names a field " + type.getName() + " does not have: " + name);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("QuickTable names a class the shell does not have", e);
        }
    }

    /** A new object of the named class, by its no-argument constructor. */
    private Object create(String className) {
        java.lang.reflect.Constructor<?> constructor = constructors.get(className);
        try {
            if (constructor == null) {
                constructor = load(className).getDeclaredConstructor();
                constructor.setAccessible(true);
                constructors.put(className, constructor);
            }
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + className, e);
        }
    }
}
