package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Token;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A config refuses each unusable bound with a message naming that bound, and keeps what it is given. */
class DaemonConfigTest {

    private static final DaemonConfig DEFAULTS = DaemonConfig.defaults(Token.of("config"));

    @Test
    void eachByteBoundIsNamedWhenRefused() {
        assertThatThrownBy(() -> DEFAULTS.withOutbox(0, Duration.ofSeconds(1)))
                .hasMessage("the replies one connection may have waiting must be at least 1 byte, not 0");
        assertThatThrownBy(() -> DEFAULTS.withOutboxTotal(-5))
                .hasMessage("the replies all connections may have waiting must be at least 1 byte, not -5");
        assertThatThrownBy(() -> DEFAULTS.withMaxMemory(0))
                .hasMessage("the dictionary's memory cap must be at least 1 byte, not 0");
    }

    @Test
    void lineLimitsStayWithinTheProtocols() {
        assertThatThrownBy(() -> DEFAULTS.withMaxLineBytes(Limits.REQUEST_LINE_BYTES + 1))
                .hasMessage("the longest request line must be 1 to " + Limits.REQUEST_LINE_BYTES + " bytes, not " + (Limits.REQUEST_LINE_BYTES + 1));
        assertThatThrownBy(() -> DEFAULTS.withMaxReplyBytes(0))
                .hasMessage("the longest reply line must be 1 to " + Limits.REPLY_LINE_BYTES + " bytes, not 0");
    }

    @Test
    void aChangeKeepsEveryOtherField() {
        DaemonConfig changed = DEFAULTS.withPort(0).withMaxMemory(1234).withOutboxTotal(5678).withBind("127.0.0.2");
        assertThat(changed.maxMemoryBytes()).isEqualTo(1234);
        assertThat(changed.outboxTotalBytes()).isEqualTo(5678);
        assertThat(changed.bind()).isEqualTo("127.0.0.2");
        assertThat(changed.port()).isZero();
        assertThat(changed.token()).isEqualTo(DEFAULTS.token());
        assertThat(changed.withPort(DEFAULTS.port()).withMaxMemory(DEFAULTS.maxMemoryBytes())
                .withOutboxTotal(DEFAULTS.outboxTotalBytes()).withBind(DEFAULTS.bind())).isEqualTo(DEFAULTS);
    }
}
