package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code set PATH VALUE}: stores a value, optionally only if a condition holds. */
@Command(name = "set", description = {
    "Store VALUE at PATH, creating missing objects on the way (set a.b.c 1 on {} gives {\"a\":{\"b\":{\"c\":1}}}).",
    "Prints nothing on success (\"OK\" to a script on standard input); with a condition that does not hold, changes nothing and exits 1."})
public final class SetCommand extends OpCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = Arguments.PathArg.class, description = "Where to write.")
    Path path;

    @Parameters(index = "1", paramLabel = "VALUE", converter = Arguments.ValueArg.class,
            description = "Any JSON (5, 0.5, true, null, \"text\", [1,2], {\"k\":1}); a bare word that is not JSON is a string.")
    Object value;

    @Option(names = "--if-absent", description = "Only if PATH has no value yet.")
    boolean ifAbsent;

    @Mixin
    Conditions conditions;

    @Override
    public Request request() {
        return conditions.on(Request.of(Op.SET).with(Field.PATH, path).with(Field.VALUE, value)
                .with(Field.IF_ABSENT, ifAbsent ? Boolean.TRUE : null));
    }
}
