package dev.ccproxy.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.apache.camel.test.AvailablePortFinder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code proxy.health.check-upstream}: readiness is DOWN, naming the upstream check, while the default upstream cannot
 * be reached, and UP again once it can; what readiness reads is the last result of a background probe (here every
 * 200 ms), so readiness requests never reach the upstream themselves.
 */
class UpstreamReadinessTest extends ProxyRouteTestSupport {

    private static final long INTERVAL_MILLIS = 200;

    /** The default upstream, on a port of its own: it is stopped and comes back on the same port. */
    private final int port = AvailablePortFinder.getNextAvailable();
    private WireMockServer defaultUpstream;

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.base-url", "http://127.0.0.1:" + port + "/v1",
                "proxy.health.check-upstream", "true",
                "proxy.health.upstream-interval-seconds", Double.toString(INTERVAL_MILLIS / 1000.0),
                "proxy.health.upstream-timeout-seconds", "1");
    }

    @BeforeAll
    void startTheDefaultUpstream() {
        defaultUpstream = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        defaultUpstream.start();
    }

    @AfterAll
    void stopTheDefaultUpstream() {
        defaultUpstream.stop();
    }

    private HttpResponse<String> ready() {
        return send(HttpRequest.newBuilder(proxy("/health/ready")).GET().build());
    }

    private void awaitReady(int status) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == status);
    }

    private JsonNode onlyFailingCheck() {
        HttpResponse<String> response = ready();
        assertThat(response.statusCode()).isEqualTo(503);
        try {
            JsonNode body = ProxyJson.mapper().readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("checks")).hasSize(1);
            JsonNode check = body.path("checks").get(0);
            assertThat(check.path("id").asText()).isEqualTo("upstream");
            assertThat(check.path("state").asText()).isEqualTo("DOWN");
            assertThat(check.path("message").asText()).contains("127.0.0.1:" + port).doesNotContain(UPSTREAM_KEY);
            return check;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readiness_follows_whether_the_default_upstream_can_be_reached() {
        // unstubbed, the upstream answers 404: reachable all the same
        assertThat(ready().statusCode()).isEqualTo(200);
        assertThat(defaultUpstream.findAll(getRequestedFor(urlPathEqualTo("/v1/models"))))
                .isNotEmpty()
                .allSatisfy(probe -> assertThat(probe.getHeader("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY));

        // a 5xx is an upstream that cannot serve
        defaultUpstream.stubFor(WireMock.get(urlPathEqualTo("/v1/models")).willReturn(WireMock.status(503)));
        awaitReady(503);
        assertThat(onlyFailingCheck().path("message").asText()).contains("answered 503");
        // a 401 (a key the upstream refuses) still proves it is there
        defaultUpstream.stubFor(WireMock.get(urlPathEqualTo("/v1/models")).willReturn(WireMock.status(401)));
        awaitReady(200);

        defaultUpstream.stop();
        awaitReady(503);
        assertThat(onlyFailingCheck().path("message").asText()).contains("unreachable");
        // liveness is not readiness
        assertThat(send(HttpRequest.newBuilder(proxy("/health")).GET().build()).statusCode()).isEqualTo(200);

        defaultUpstream.start();
        awaitReady(200);
    }

    @Test
    void readiness_requests_read_the_last_probe_and_never_call_the_upstream_themselves() {
        int probesBefore = defaultUpstream.findAll(getRequestedFor(urlPathEqualTo("/v1/models"))).size();
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(ready().statusCode()).isEqualTo(200);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        int probes = defaultUpstream.findAll(getRequestedFor(urlPathEqualTo("/v1/models"))).size() - probesBefore;
        // the background probe's own pace, whatever the number of readiness requests
        assertThat(probes).isLessThanOrEqualTo((int) (elapsedMillis / INTERVAL_MILLIS) + 2);
    }
}
