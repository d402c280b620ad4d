package dev.syncdict.shell;

import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that sends one request and shows its reply. Subclasses say which request and how its
 * reply is shown; the session sends it, repeats it, maps errors to exit codes.
 */
public abstract class OpCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected Repetition repetition;

    /**
     * Reads what the command needs from outside (a file, standard input) once per execution, before
     * any repetition: picocli reuses command objects, so nothing read may outlive one execution.
     */
    public void prepare() {}

    /**
     * The request this command sends, built from its arguments (after {@link #prepare()}) and nothing
     * else: {@link QuickParser} fills the argument fields of a command picocli never saw.
     */
    public abstract Request request();

    /**
     * Shows a successful reply. By default: its value, or that it is done. It must depend on the reply
     * alone: under --keep-going a script renders replies after later statements reused this object.
     */
    public void render(Reply reply, Printer printer) {
        if (reply.value() != null) {
            printer.value(reply.value());
        } else {
            printer.done();
        }
    }

    @Override
    public Integer call() {
        return run(((SyncdictCommand) spec.root().userObject()).session());
    }

    /** Runs the command in a session: picocli's call, and the quick parser's way in ({@link QuickParser}). */
    int run(Session session) {
        prepare();
        return session.run(this, repetition);
    }

    /** Whether this command was given {@code every} or {@code times}. */
    public boolean repeats() {
        return repetition.repeats();
    }
}
