package dev.syncdict.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines however the stream cuts them: in single bytes, across a character, longer than the buffer, cut by a timeout. */
class LineInputTest {

    @Test
    void readsLinesCutIntoSingleBytesAndCharactersCutInTwo() throws IOException {
        byte[] text = "{\"value\":\"é😀\"}\n\nlast\n".getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new java.util.ArrayList<>();
        for (byte b : text) {
            pieces.add(new byte[] {b});
        }
        LineInput in = new LineInput(new Pieces(pieces), 1000);
        assertThat(line(in)).isEqualTo("{\"value\":\"é😀\"}");
        assertThat(line(in)).isEmpty();
        assertThat(line(in)).isEqualTo("last");
        assertThat(line(in)).isNull();
    }

    @Test
    void readsLinesLongerThanItsBufferAndManyLinesInOneRead() throws IOException {
        String longLine = "x".repeat(300_000);
        LineInput in = new LineInput(new Pieces(List.of((longLine + "\na\nb\n" + longLine + "\n").getBytes(StandardCharsets.UTF_8))), 300_000);
        assertThat(line(in)).isEqualTo(longLine);
        assertThat(line(in)).isEqualTo("a");
        assertThat(in.hasUnread()).isTrue();
        assertThat(line(in)).isEqualTo("b");
        assertThat(line(in)).isEqualTo(longLine);
        assertThat(in.hasUnread()).isFalse();
    }

    @Test
    void refusesALineOneByteLongerThanTheLimit() throws IOException {
        LineInput fits = new LineInput(new Pieces(List.of("12345\n".getBytes(StandardCharsets.US_ASCII))), 5);
        assertThat(line(fits)).isEqualTo("12345");
        LineInput over = new LineInput(new Pieces(List.of("123456\n".getBytes(StandardCharsets.US_ASCII))), 5);
        assertThatThrownBy(() -> line(over)).hasMessage("a line from the daemon is longer than 5 bytes");
    }

    @Test
    void aReadThatTimesOutKeepsWhatItHadOfTheLine() throws IOException {
        Pieces pieces = new Pieces(List.of("{\"rev\"".getBytes(StandardCharsets.US_ASCII), new byte[0], ":1}\nnext\n".getBytes(StandardCharsets.US_ASCII)));
        LineInput in = new LineInput(pieces, 100);
        assertThatThrownBy(() -> line(in)).isInstanceOf(SocketTimeoutException.class);
        assertThat(line(in)).isEqualTo("{\"rev\":1}");
        assertThat(line(in)).isEqualTo("next");
    }

    @Test
    void aPartLineAtTheEndOfTheStreamIsNoLine() throws IOException {
        LineInput in = new LineInput(new Pieces(List.of("whole\npart".getBytes(StandardCharsets.US_ASCII))), 100);
        assertThat(line(in)).isEqualTo("whole");
        assertThat(line(in)).isNull();
        assertThat(in.fill()).isEqualTo(-1);
    }

    /** The next line as text, or null at the end: how the client reads a line it does not decode from its bytes. */
    private static String line(LineInput in) throws IOException {
        return in.nextLine() ? in.text() : null;
    }

    /** A stream that returns its pieces one read each; an empty piece is a read that times out. */
    private static final class Pieces extends InputStream {
        private final ArrayDeque<byte[]> pieces;

        Pieces(List<byte[]> pieces) {
            this.pieces = new ArrayDeque<>(pieces);
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("LineInput reads in blocks");
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            byte[] piece = pieces.poll();
            if (piece == null) {
                return -1;
            }
            if (piece.length == 0) {
                throw new SocketTimeoutException("quiet");
            }
            int taken = Math.min(length, piece.length);
            System.arraycopy(piece, 0, into, offset, taken);
            if (taken < piece.length) {
                pieces.push(java.util.Arrays.copyOfRange(piece, taken, piece.length));
            }
            return taken;
        }
    }
}
