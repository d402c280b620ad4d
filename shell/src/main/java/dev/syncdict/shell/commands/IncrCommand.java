package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.OpCommand;
import java.math.BigDecimal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code incr PATH [AMOUNT]}: adds atomically and prints the new value. */
@Command(name = "incr", description = {
    "Add AMOUNT to the number at PATH, atomically, and print the new value.",
    "Numbers are exact decimals: 0.1 added ten times is 1.0. A missing PATH starts at 0."})
public final class IncrCommand extends OpCommand {

    @Parameters(index = "0", paramLabel = "PATH", converter = Arguments.PathArg.class, description = "The number to change.")
    Path path;

    @Parameters(index = "1", arity = "0..1", paramLabel = "AMOUNT", converter = Arguments.NumberArg.class,
            description = "How much to add; may be negative or decimal (default: 1).")
    BigDecimal amount;

    @Override
    public Request request() {
        return Request.of(Op.INCR).with(Field.PATH, path).with(Field.BY, amount);
    }
}
