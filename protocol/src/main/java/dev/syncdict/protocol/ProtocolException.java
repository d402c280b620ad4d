package dev.syncdict.protocol;

/** A request or reply that breaks the protocol, with the error code the peer should be told. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Object id;
    private final transient Object chain;

    public ProtocolException(ErrorCode code, String message, Object id) {
        this(code, message, id, null);
    }

    private ProtocolException(ErrorCode code, String message, Object id, Object chain) {
        super(message);
        this.code = code;
        this.id = id;
        this.chain = chain;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request's id when it could be read, else null. */
    public Object id() {
        return id;
    }

    /**
     * The chain the refused request names (a string or a number) when its members could be read,
     * else null: its refusal fails that chain, as an error reply of an applied request would.
     */
    public Object chain() {
        return chain;
    }

    /** This refusal, of a request that names {@code chain}. */
    ProtocolException inChain(Object chain) {
        return chain == null ? this : new ProtocolException(code, getMessage(), id, chain);
    }
}
