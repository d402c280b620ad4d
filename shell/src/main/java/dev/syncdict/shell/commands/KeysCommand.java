package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import dev.syncdict.shell.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys [PATH]}: lists the keys below a path, sorted, a page at a time. */
@Command(name = "keys", description = "List the keys of the object at PATH (default: the whole dictionary) in sorted order,"
        + " or the indexes of an array.")
public final class KeysCommand extends OpCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", converter = Arguments.PathArg.class,
            description = "Whose keys to list (default: .).")
    Path path;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Only keys that start with TEXT.")
    String prefix;

    @Option(names = "--after", paramLabel = "KEY", description = "Start after KEY (for the next page).")
    String after;

    @Option(names = "--limit", paramLabel = "N", converter = Arguments.CountArg.class, description = "At most N keys (default: 1000).")
    Long limit;

    @Override
    public Request request() {
        return Request.of(Op.KEYS).with(Field.PATH, path).with(Field.PREFIX, prefix).with(Field.AFTER, after)
                .with(Field.LIMIT, limit);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void render(Reply reply, Printer printer) {
        printer.keys((List<Object>) reply.value(), Boolean.TRUE.equals(reply.more()));
    }
}
