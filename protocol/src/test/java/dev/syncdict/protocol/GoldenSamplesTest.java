package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every golden line is valid protocol, and its canonical encoding is the text as written. */
class GoldenSamplesTest {

    static final java.util.List<String> FILES = GoldenSamples.FILES;

    @ParameterizedTest
    @FieldSource("FILES")
    void everyLineIsCanonical(String file) throws Exception {
        var exchanges = GoldenSamples.load(file);
        assertThat(exchanges).isNotEmpty();
        for (GoldenSamples.Exchange exchange : exchanges) {
            assertThat(Codec.encode(Codec.decodeReply(exchange.reply()))).isEqualTo(exchange.reply());
            try {
                assertThat(Codec.encode(Codec.decodeRequest(exchange.request()))).isEqualTo(exchange.request());
            } catch (ProtocolException deliberatelyBad) {
                assertThat(exchange.reply()).contains("\"error\"");
            }
        }
    }
}
