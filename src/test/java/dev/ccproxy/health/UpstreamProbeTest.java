package dev.ccproxy.health;

import dev.ccproxy.config.ProxySettings;
import io.vertx.core.Vertx;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe's verdict when nothing answers: bounded by its timeout, and said in words. */
class UpstreamProbeTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private UpstreamProbe.Result probe(int port, Duration timeout) throws Exception {
        ProxySettings settings = ProxySettings.load(Map.of("proxy.upstream.base-url", "http://127.0.0.1:" + port + "/v1",
                "proxy.upstream.api-key", "sk-never-shown", "proxy.models.big", "gpt-4o", "proxy.models.small", "gpt-4o-mini"));
        return new UpstreamProbe(vertx, settings.defaultProvider(), timeout).probe()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void an_upstream_that_accepts_but_never_answers_is_unreachable_once_the_timeout_has_passed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();

            UpstreamProbe.Result result = probe(silent.getLocalPort(), Duration.ofMillis(300));

            assertThat(result.reachable()).isFalse();
            assertThat(result.detail()).isEqualTo("no answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_closed_port_is_unreachable_at_once() throws Exception {
        UpstreamProbe.Result result = probe(AvailablePortFinder.getNextAvailable(), Duration.ofSeconds(2));

        assertThat(result.reachable()).isFalse();
        assertThat(result.detail()).isEqualTo("connection refused");
    }
}
