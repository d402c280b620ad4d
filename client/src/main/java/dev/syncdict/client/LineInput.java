package dev.syncdict.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads newline-terminated UTF-8 lines, refusing any longer than a limit. */
final class LineInput {

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    LineInput(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line without its newline, or null at the end of the stream. A read that times out
     * keeps what it had of the line, so the next call goes on where it stopped.
     */
    String readLine() throws IOException {
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (line.size() == maxBytes) {
                throw new IOException("a line from the daemon is longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text;
    }
}
