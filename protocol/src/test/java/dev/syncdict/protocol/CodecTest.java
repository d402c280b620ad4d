package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecTest {

    @Test
    void decodesTypedFields() {
        Request request = Codec.decodeRequest("{\"id\":7,\"op\":\"set\",\"path\":\"a.b[1]\",\"value\":{\"x\":1},\"if_rev\":3}");
        assertThat(request.id()).isEqualTo(new BigDecimal(7));
        assertThat(request.op()).isEqualTo(Op.SET);
        assertThat(request.path()).isEqualTo(Path.parse("a.b[1]"));
        assertThat(Json.equal(request.value(), Json.parse("{\"x\":1}"))).isTrue();
        assertThat(request.ifRev()).isEqualTo(3L);
        assertThat(request.ifValue()).isNull();
    }

    @Test
    void defaultsOptionalFields() {
        Request request = Codec.decodeRequest("{\"op\":\"incr\",\"path\":\"n\"}");
        assertThat(request.by()).isEqualTo(BigDecimal.ONE);
        assertThat(Codec.decodeRequest("{\"op\":\"keys\"}").path().isRoot()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1]                                           | bad_request | must be a JSON object",
        "{\"op\":1}                                    | bad_request | needs an 'op' string",
        "{\"op\":\"fly\"}                              | bad_request | unknown op \"fly\"",
        "{\"op\":\"get\"}                              | bad_request | get needs \"path\"",
        "{\"op\":\"get\",\"path\":\"a\",\"value\":1}   | bad_request | get does not take \"value\"",
        "{\"op\":\"get\",\"path\":3}                   | bad_request | must be a path string",
        "{\"op\":\"get\",\"path\":\"a..b\"}            | bad_path    | at column 3",
        "{\"op\":\"incr\",\"path\":\"a\",\"by\":\"2\"} | bad_request | must be a number",
        "{\"op\":\"set\",\"path\":\"a\",\"value\":1,\"if_rev\":-1}  | bad_request | an integer of 0 or more",
        "{\"op\":\"keys\",\"limit\":0}                 | bad_request | an integer of 1 or more",
        "{\"op\":\"keys\",\"limit\":1.5}               | bad_request | an integer of 1 or more",
        "{\"op\":\"tx\",\"ops\":[{\"op\":\"ping\"}]}   | bad_request | ping cannot be part of a tx",
        "{\"op\":\"tx\",\"ops\":[{\"op\":\"get\"}]}    | bad_request | tx op 0: get needs \"path\"",
        "{\"op\":\"tx\",\"ops\":[{\"op\":\"get\",\"path\":\"a\",\"chain\":1}]} | bad_request | tx op 0: a chain belongs on the tx itself",
        "{\"op\":\"get\",\"path\":\"a\",\"chain\":[1]}  | bad_request | \"chain\" must be a string or a number",
        "{\"op\":\"get\",\"path\":\"a\",\"id\":[1]}    | bad_request | 'id' must be a string or a number",
        "{\"op\":\"get\"                               | bad_request | not valid JSON",
    })
    void rejectsBadRequestsWithACode(String line, String code, String message) {
        assertThatThrownBy(() -> Codec.decodeRequest(line))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ProtocolException) e).code().wireName()).isEqualTo(code));
    }

    @Test
    void keepsTheIdOfARequestItCannotServe() {
        assertThatThrownBy(() -> Codec.decodeRequest("{\"id\":\"q1\",\"op\":\"fly\"}"))
                .satisfies(e -> assertThat(((ProtocolException) e).id()).isEqualTo("q1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        // Read by the flat reader, then by Jackson (a nested value), then in a tx's ops: the same chain.
        "{\"op\":\"incr\",\"path\":\"n\",\"by\":\"two\",\"chain\":\"c\"}              | c",
        "{\"op\":\"fly\",\"chain\":7}                                                  | 7",
        "{\"chain\":\"c\",\"op\":\"set\",\"path\":\"a..b\",\"value\":[1]}              | c",
        "{\"op\":\"tx\",\"chain\":\"t\",\"ops\":[{\"op\":\"get\"}]}                    | t",
        "{\"op\":\"tx\",\"chain\":\"t\",\"ops\":[{\"op\":\"get\",\"path\":\"a\",\"chain\":\"i\"}]} | t",
        "{\"op\":\"get\",\"path\":\"a\",\"chain\":[1]}                                 | none",
        "{\"op\":\"fly\"}                                                              | none",
        "{\"op\":\"fly\",\"chain\":\"c\"                                               | none",
    })
    void aRefusedRequestCarriesTheChainItNames(String line, String chain) {
        assertThatThrownBy(() -> Codec.decodeRequest(line.getBytes(StandardCharsets.UTF_8), 0, line.length()))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).chain())
                        .isEqualTo(chain == null ? null : chain.equals("7") ? BigDecimal.valueOf(7) : chain));
    }

    @Test
    void tooDeepIsTooDeep() {
        String deep = "{\"op\":\"set\",\"path\":\"a\",\"value\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertThatThrownBy(() -> Codec.decodeRequest(deep))
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.TOO_DEEP));
    }

    @Test
    void repliesRoundTrip() {
        Reply reply = Reply.ok(5, Json.parse("[1,\"x\"]")).withId("a").withModRev(4).withMore(true);
        assertThat(Codec.encode(reply)).isEqualTo("{\"id\":\"a\",\"rev\":5,\"value\":[1,\"x\"],\"mod_rev\":4,\"more\":true}");
        assertThat(Codec.decodeReply(Codec.encode(reply))).isEqualTo(reply);
        Reply error = Reply.error(9, new Reply.Error(ErrorCode.CONDITION_FAILED, "no", 2)).withId(BigDecimal.ONE);
        assertThat(Codec.decodeReply(Codec.encode(error)).error()).isEqualTo(error.error());
        Reply tx = Reply.ok(3, null).withResults(List.of(Reply.ok(3, BigDecimal.ONE)));
        assertThat(Codec.encode(tx)).isEqualTo("{\"rev\":3,\"results\":[{\"rev\":3,\"value\":1}]}");
    }

    @Test
    void requestsRoundTripThroughTheirText() {
        Request tx = Request.of(Op.TX).withId(1).with(Field.OPS, List.of(
                Request.of(Op.SET).with(Field.PATH, Path.parse("a")).with(Field.VALUE, BigDecimal.TEN),
                Request.of(Op.INCR).with(Field.PATH, Path.parse("b")).with(Field.BY, new BigDecimal("0.5"))));
        assertThat(Codec.encode(tx)).isEqualTo("{\"id\":1,\"op\":\"tx\",\"ops\":[{\"op\":\"set\",\"path\":\"a\",\"value\":10},{\"op\":\"incr\",\"path\":\"b\",\"by\":0.5}]}");
        assertThat(Codec.decodeRequest(Codec.encode(tx)).ops()).isEqualTo(tx.ops());
    }

    @Test
    void helloIsRecognised() {
        Hello hello = new Hello(1, "0.1.0", "abc");
        assertThat(Hello.decode(hello.encode())).isEqualTo(hello);
        assertThatThrownBy(() -> Hello.decode("+OK redis")).hasMessageContaining("not a syncdict daemon");
    }
}
