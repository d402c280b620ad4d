package dev.syncdict.daemon.store;

import dev.syncdict.protocol.ErrorCode;

/** An operation the dictionary refuses, with the error code the client is told. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public StoreException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
