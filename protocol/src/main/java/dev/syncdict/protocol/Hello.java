package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon's first line on every connection: the protocol version, its own version and the
 * nonce the client must answer with its proof.
 */
public record Hello(int proto, String version, String nonce) {

    /** The protocol version this code speaks. */
    public static final int PROTOCOL_VERSION = 1;

    public String encode() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hello", "syncdict");
        json.put("proto", BigDecimal.valueOf(proto));
        json.put("version", version);
        json.put("nonce", nonce);
        return Json.write(json);
    }

    /** Reads a hello line; anything else (another program on the port) is a ProtocolException. */
    public static Hello decode(String line) {
        Map<String, Object> json;
        try {
            json = Codec.asObject(Json.parse(line), "hello");
        } catch (JsonException e) {
            json = Map.of();
        }
        if (!"syncdict".equals(json.get("hello")) || !(json.get("proto") instanceof BigDecimal)
                || !(json.get("nonce") instanceof String)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "the peer is not a syncdict daemon", null);
        }
        return new Hello(((BigDecimal) json.get("proto")).intValue(), String.valueOf(json.get("version")),
                (String) json.get("nonce"));
    }
}
