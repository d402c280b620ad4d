package dev.syncdict.protocol;

import java.util.List;

/**
 * One reply: the request's id, the revision it reflects, and either a result or an error.
 * Absent parts are null. {@code modRev} is the revision of the last write at or below the path;
 * {@code more} says a keys listing was cut at its limit; {@code results} are a tx's replies, one
 * per op; {@code proof} is the daemon's half of the handshake.
 */
public record Reply(Object id, long rev, Object value, Long modRev, Boolean more, List<Reply> results,
        String proof, Error error) {

    /** Why a request failed; {@code index} names the failing op inside a tx. */
    public record Error(ErrorCode code, String message, Integer index) {
        public Error(ErrorCode code, String message) {
            this(code, message, null);
        }
    }

    /** A successful reply carrying a value (or none, when value is null). */
    public static Reply ok(long rev, Object value) {
        return new Reply(null, rev, value, null, null, null, null, null);
    }

    /** An error reply. */
    public static Reply error(long rev, ErrorCode code, String message) {
        return error(rev, new Error(code, message));
    }

    /** An error reply carrying this error. */
    public static Reply error(long rev, Error error) {
        return new Reply(null, rev, null, null, null, null, null, error);
    }

    public boolean isError() {
        return error != null;
    }

    public Reply withId(Object newId) {
        return new Reply(newId, rev, value, modRev, more, results, proof, error);
    }

    public Reply withModRev(long newModRev) {
        return new Reply(id, rev, value, newModRev, more, results, proof, error);
    }

    public Reply withMore(boolean newMore) {
        return new Reply(id, rev, value, modRev, newMore, results, proof, error);
    }

    public Reply withResults(List<Reply> newResults) {
        return new Reply(id, rev, value, modRev, more, newResults, proof, error);
    }

    public Reply withProof(String newProof) {
        return new Reply(id, rev, value, modRev, more, results, newProof, error);
    }

    @Override
    public String toString() {
        return Codec.encode(this);
    }
}
