package dev.syncdict.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever the daemon accepts, the client reads back: for each limit, a write at it reads back
 * with get and dump, a write past it is refused with the code naming that limit, and the
 * dictionary stays readable throughout.
 */
class ReadBackTest {

    @RegisterExtension
    final InProcessDaemon daemon = new InProcessDaemon("read-back");
    private SyncdictClient client;

    @BeforeEach
    void connect() throws IOException {
        client = daemon.connect();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
    }

    private Reply call(Op op, Path path, Object value) throws IOException {
        Request request = Request.of(op).with(Field.PATH, path);
        return client.call(op == Op.INCR ? request.with(Field.BY, value) : request.with(Field.VALUE, value));
    }

    /** The whole dictionary, read both ways, each checked to hold the value written at the path. */
    private void readsBack(String path, Object written) throws IOException {
        assertThat(Json.equal(client.get(path), written)).as("get %s", path).isTrue();
        Reply dump = client.call(Request.of(Op.DUMP));
        assertThat(dump.isError()).as("dump: %s", dump.error()).isFalse();
        Object dumped = dump.value();
        for (Path.Segment segment : Path.parse(path).segments()) {
            dumped = ((Map<?, ?>) dumped).get(((Path.Key) segment).name());
        }
        assertThat(Json.equal(dumped, written)).as("dump holds %s", path).isTrue();
    }

    private static void refusedWith(Reply reply, ErrorCode code) {
        assertThat(reply.isError()).as("refused").isTrue();
        assertThat(reply.error().code()).isEqualTo(code);
    }

    @Test
    void digits() throws IOException {
        BigDecimal most = new BigDecimal("9".repeat(Limits.NUMBER_DIGITS - 1) + ".5");
        assertThat(call(Op.SET, Path.parse("n"), most).isError()).isFalse();
        readsBack("n", most);
        refusedWith(call(Op.INCR, Path.parse("n"), new BigDecimal("0.01")), ErrorCode.OUT_OF_RANGE);
        refusedWith(call(Op.SET, Path.parse("m"), new BigDecimal("1".repeat(Limits.NUMBER_DIGITS + 1))), ErrorCode.OUT_OF_RANGE);
        client.set("big", new BigDecimal("1e500"));
        refusedWith(call(Op.INCR, Path.parse("big"), new BigDecimal("1e-500")), ErrorCode.OUT_OF_RANGE);
        readsBack("n", most);
    }

    @Test
    void nestingAndPathSegments() throws IOException {
        List<Path.Segment> deepest = new ArrayList<>(Collections.nCopies(Limits.DEPTH - 1, new Path.Key("a")));
        Path path = Path.of(deepest);
        Object array = Json.parse("[]");
        assertThat(call(Op.SET, path, array).isError()).isFalse();
        readsBack(path.toString(), array);
        refusedWith(call(Op.SET, path, Json.parse("[[]]")), ErrorCode.TOO_DEEP);

        List<Path.Segment> longest = new ArrayList<>(Collections.nCopies(Limits.DEPTH, new Path.Key("b")));
        assertThat(call(Op.SET, Path.of(longest), BigDecimal.ONE).isError()).isFalse();
        readsBack(Path.of(longest).toString(), BigDecimal.ONE);
        longest.add(new Path.Key("b"));
        refusedWith(call(Op.SET, Path.of(longest), BigDecimal.ONE), ErrorCode.TOO_DEEP);
        readsBack(path.toString(), array);
    }

    @Test
    void aValueAsLongAsARequestLineReadsBackAndALongerOneIsRefused() throws Exception {
        String envelope = "{\"id\":2,\"op\":\"set\",\"path\":\"v\",\"value\":\"\"}";
        String longest = "v".repeat(Limits.REQUEST_LINE_BYTES - envelope.length());
        assertThat(call(Op.SET, Path.parse("v"), longest).isError()).isFalse();
        readsBack("v", longest);
        assertThatThrownBy(() -> call(Op.SET, Path.parse("w"), longest + "vv"))
                .isInstanceOf(DaemonRefusedException.class)
                .satisfies(e -> assertThat(((DaemonRefusedException) e).error().code()).isEqualTo(ErrorCode.TOO_LARGE));
        try (SyncdictClient again = daemon.connect()) {
            assertThat(again.get("v")).isEqualTo(longest);
        }
    }

    @Test
    void aDictionaryPastTheReplyLimitIsReadInPartsOnTheSameConnection() throws Exception {
        int line = 64 * 1024;
        try (Daemon small = Daemon.start(DaemonConfig.defaults(daemon.token).withPort(0).withMaxLineBytes(line).withMaxReplyBytes(2 * line));
                SyncdictClient reader = SyncdictClient.connect("127.0.0.1", small.port(), daemon.token)) {
            String part = "p".repeat(line * 3 / 4);
            reader.set("a", part);
            reader.set("b", part);
            assertThat(Json.write(reader.call(Request.of(Op.DUMP)).value())).hasSizeGreaterThan(line);
            reader.set("c", part);
            Reply dump = reader.call(Request.of(Op.DUMP));
            assertThat(dump.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(dump.error().message()).contains("limit of " + 2 * line + " bytes").contains("'keys PATH'");
            assertThat(reader.call(Request.of(Op.KEYS)).value()).isEqualTo(List.of("a", "b", "c"));
            for (String key : List.of("a", "b", "c")) {
                assertThat(reader.get(key)).isEqualTo(part);
            }
        }
    }
}
