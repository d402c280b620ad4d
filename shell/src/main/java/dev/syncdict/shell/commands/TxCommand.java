package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.OpCommand;
import dev.syncdict.shell.Printer;
import dev.syncdict.shell.Tokenizer;
import dev.syncdict.shell.UsageException;
import dev.syncdict.shell.UsageMessages;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tx [FILE]}: applies the commands of a file atomically, under one revision, or none of them. */
@Command(name = "tx", description = {
    "Apply the commands in FILE ('-' or nothing: standard input), one per line, atomically under one revision:"
            + " all of them, or, if any fails (a condition included), none.",
    "Allowed inside: get, set, del, incr, keys, dump, load. Prints each command's result as that command alone would."})
public final class TxCommand extends OpCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The commands (default: -).")
    String file = "-";

    private List<Request> ops;
    /** The command of each op, which shows its result; picocli may share one object between ops of one kind. */
    private final List<OpCommand> commands = new ArrayList<>();

    @Override
    public void prepare() {
        commands.clear();
        ops = parse(Inputs.read(file, spec));
    }

    @Override
    public Request request() {
        return Request.of(Op.TX).with(Field.OPS, ops);
    }

    private List<Request> parse(String text) {
        List<Request> parsed = new ArrayList<>();
        for (Tokenizer.Statement statement : Tokenizer.statements(text)) {
            String name = statement.words().get(0);
            String where = "tx line " + statement.line() + ": ";
            CommandLine command = spec.root().subcommands().get(name);
            if (command == null || !(command.getCommand() instanceof OpCommand) || command.getCommand() == this) {
                throw new UsageException(where + "'" + name + "' is not a command that can be part of a tx");
            }
            try {
                command.parseArgs(statement.words().subList(1, statement.words().size()).toArray(new String[0]));
            } catch (CommandLine.ParameterException e) {
                throw new UsageException(where + UsageMessages.of(e));
            }
            OpCommand op = command.getCommand();
            op.prepare();
            Request request = op.request();
            if (!request.op().isTransactional()) {
                throw new UsageException(where + name + " cannot be part of a tx");
            }
            if (op.repeats()) {
                throw new UsageException(where + "every and times cannot be used inside a tx");
            }
            parsed.add(request);
            commands.add(op);
        }
        return parsed;
    }

    @Override
    public void render(Reply reply, Printer printer) {
        if (reply.results().isEmpty()) {
            // An empty tx (a file of comments) still answers, as a set does: a co-process waits for a line.
            printer.done();
            return;
        }
        for (int i = 0; i < reply.results().size(); i++) {
            commands.get(i).render(reply.results().get(i), printer);
        }
    }
}
