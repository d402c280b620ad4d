package dev.syncdict.shell.commands;

import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.OpCommand;

/** A command that sends an op with no arguments. */
abstract class BareOpCommand extends OpCommand {

    private final Op op;

    BareOpCommand(Op op) {
        this.op = op;
    }

    @Override
    public Request request() {
        return Request.of(op);
    }
}
