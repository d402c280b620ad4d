package dev.syncdict.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The mutual challenge: each side proves it knows the token with an HMAC-SHA256 over both nonces,
 * labelled by role so that a proof cannot be reflected back. The token never crosses the wire.
 *
 * <ol>
 *   <li>daemon: {@link Hello} with nonce S</li>
 *   <li>client: {@code auth} with its nonce C and proof HMAC(token, "client" S C)</li>
 *   <li>daemon: reply with proof HMAC(token, "daemon" S C), or {@code unauthorized} and close</li>
 * </ol>
 */
public final class Handshake {

    private Handshake() {}

    /** A fresh 256-bit nonce in hex. */
    public static String newNonce() {
        return HexFormat.of().formatHex(RandomBytes.of(32));
    }

    /** The client's proof for this pair of nonces. */
    public static String clientProof(Token token, String daemonNonce, String clientNonce) {
        return hmac(token, "syncdict client\n" + daemonNonce + "\n" + clientNonce);
    }

    /** The daemon's proof for this pair of nonces. */
    public static String daemonProof(Token token, String daemonNonce, String clientNonce) {
        return hmac(token, "syncdict daemon\n" + daemonNonce + "\n" + clientNonce);
    }

    /** Compares two proofs in constant time, so timing does not leak how much of a guess was right. */
    public static boolean matches(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(Token token, String message) {
        return HexFormat.of().formatHex(HmacSha256.of(token.secret(), message.getBytes(StandardCharsets.UTF_8)));
    }
}
