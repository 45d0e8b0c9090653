package dev.ccproxy.camel;

import dev.ccproxy.config.RetrySettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamRetryDelayTest {

    private final UpstreamRetryDelay delay = new UpstreamRetryDelay(
            new RetrySettings(5, Duration.ofMillis(500), Duration.ofMillis(8000), 10, 20, 10));

    @Test
    void the_back_off_doubles_up_to_the_cap_and_loses_up_to_half_to_jitter() {
        assertThat(delay.backOffMillis(1, 0.0)).isEqualTo(500);
        assertThat(delay.backOffMillis(1, 0.999_999)).isEqualTo(250);
        assertThat(delay.backOffMillis(2, 0.0)).isEqualTo(1000);
        assertThat(delay.backOffMillis(3, 0.5)).isEqualTo(1500);
        assertThat(delay.backOffMillis(5, 0.0)).isEqualTo(8000);
        assertThat(delay.backOffMillis(40, 0.0)).isEqualTo(8000);
        assertThat(delay.backOffMillis(40, 0.999_999)).isEqualTo(4000);
    }
}
