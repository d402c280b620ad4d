package dev.syncdict.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the golden conversations in {@code golden/*.ndjson}: {@code > } lines are requests as a
 * client sends them, {@code < } lines the replies a fresh daemon gives, in order. The protocol,
 * daemon and client tests all replay the same files.
 */
public final class GoldenSamples {

    /** The conversations that a fresh, empty daemon answers exactly as written. */
    public static final List<String> FILES = List.of("golden/basics.ndjson", "golden/errors.ndjson", "golden/tx.ndjson");

    /** One request line and the reply line it gets. */
    public record Exchange(String request, String reply) {}

    private GoldenSamples() {}

    public static List<Exchange> load(String resource) throws IOException {
        List<Exchange> exchanges = new ArrayList<>();
        try (InputStream in = GoldenSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no golden file " + resource);
            }
            String request = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("> ")) {
                    request = line.substring(2);
                } else if (line.startsWith("< ")) {
                    exchanges.add(new Exchange(request, line.substring(2)));
                    request = null;
                }
            }
        }
        return exchanges;
    }
}
