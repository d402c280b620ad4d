package dev.syncdict.bench.micro;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The protocol's codec on the daemon's side: decoding a request line from bytes and encoding a reply line. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private final byte[] incrLine = "{\"id\":17,\"op\":\"incr\",\"path\":\"counter:12345\",\"by\":1}".getBytes(StandardCharsets.UTF_8);
    private final byte[] setLine = "{\"id\":18,\"op\":\"set\",\"path\":\"key:12345\",\"value\":\"xxx\"}".getBytes(StandardCharsets.UTF_8);
    private final Reply incrReply = Reply.ok(123_456, new BigDecimal(42)).withId(new BigDecimal(17));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    @Benchmark
    public Request decodeIncr() {
        return Codec.decodeRequest(incrLine, 0, incrLine.length);
    }

    @Benchmark
    public Request decodeSet() {
        return Codec.decodeRequest(setLine, 0, setLine.length);
    }

    @Benchmark
    public int encodeReply() {
        out.reset();
        Codec.writeLine(incrReply, out);
        return out.size();
    }
}
