package dev.syncdict.shell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Replies are counted whole however the bytes are split between reads. */
class ReplyScannerTest {

    /** Feeds the text one byte at a time, as the worst network would; returns replies counted. */
    private static int feedByteByByte(ReplyScanner scanner, String text) {
        ByteBuffer in = ByteBuffer.allocate(1024);
        int replies = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            in.put(b);
            in.flip();
            replies += scanner.scan(in);
            in.compact();
        }
        return replies;
    }

    @Test
    void respRepliesOfEveryKindTheLoadAsksFor() {
        RespScanner scanner = new RespScanner();
        String replies = "+OK\r\n$3\r\nxyz\r\n$-1\r\n:42\r\n$0\r\n\r\n-ERR value is not an integer\r\n$4\r\na\r\nb\r\n";
        assertThat(feedByteByByte(scanner, replies)).isEqualTo(7);
        assertThat(scanner.errors()).isEqualTo(1);
    }

    @Test
    void aBulkStringIsOneReplyEvenWhenItHoldsNewlines() {
        RespScanner scanner = new RespScanner();
        ByteBuffer in = ByteBuffer.wrap("$4\r\n1\r\n2\r\n+O".getBytes(StandardCharsets.US_ASCII));
        assertThat(scanner.scan(in)).isEqualTo(1);
        assertThat(in.remaining()).as("the partial reply stays").isEqualTo(2);
    }

    @Test
    void syncdictRepliesAreLinesAndErrorsAreThoseWithAnError() {
        LineScanner scanner = new LineScanner();
        String replies = "{\"rev\":1,\"value\":\"error\"}\n{\"rev\":1,\"error\":{\"code\":\"not_found\",\"message\":\"no value\"}}\n{\"rev\":2,\"value\":3}\n";
        assertThat(feedByteByByte(scanner, replies)).isEqualTo(3);
        assertThat(scanner.errors()).isEqualTo(1);
    }
}
