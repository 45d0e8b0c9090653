package dev.ccproxy.error;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamErrorsTest {

    @Test
    void retry_after_is_passed_on_as_whole_seconds() {
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("Retry-After", "7"))).isEqualTo("7");
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("retry-after", "0.2"))).isEqualTo("1");
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("retry-after-ms", "1500", "retry-after", "9")))
                .isEqualTo("2");
        String inAMinute = ZonedDateTime.now().plusSeconds(61).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Long.parseLong(UpstreamErrors.retryAfterSeconds(Map.of("Retry-After", inAMinute))))
                .isBetween(55L, 61L);
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of("Retry-After", "soon"))).isNull();
        assertThat(UpstreamErrors.retryAfterSeconds(Map.of())).isNull();
    }

    @Test
    void the_upstreams_message_is_kept_and_its_shape_dropped() {
        assertThat(UpstreamErrors.messageOf("{\"error\":{\"message\":\"bad model\",\"type\":\"x\"}}")).isEqualTo("bad model");
        assertThat(UpstreamErrors.messageOf("{\"error\":\"plain\"}")).isEqualTo("plain");
        assertThat(UpstreamErrors.messageOf("{\"detail\":\"from FastAPI\"}")).isEqualTo("from FastAPI");
        assertThat(UpstreamErrors.messageOf("<html>\n  <b>502</b>\n</html>")).isEqualTo("<html> <b>502</b> </html>");
        assertThat(UpstreamErrors.messageOf("")).isEqualTo("(no body)");
        assertThat(UpstreamErrors.messageOf("x".repeat(600))).hasSize(UpstreamErrors.MAX_MESSAGE_LENGTH + 1);
    }
}
