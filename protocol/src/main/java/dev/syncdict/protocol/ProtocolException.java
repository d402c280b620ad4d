package dev.syncdict.protocol;

/** A request or reply that breaks the protocol, with the error code the peer should be told. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Object id;

    public ProtocolException(ErrorCode code, String message, Object id) {
        super(message);
        this.code = code;
        this.id = id;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request's id when it could be read, else null. */
    public Object id() {
        return id;
    }
}
