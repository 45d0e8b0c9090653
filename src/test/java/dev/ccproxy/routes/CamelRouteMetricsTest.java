package dev.ccproxy.routes;

import dev.ccproxy.testsupport.PrometheusScrape;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code proxy.metrics.camel-routes=true}: Camel's meters of each route join the proxy's in the scrape (for Camel
 * users who add routes of their own); off by default, which {@link MetricsAndAccessLogTest} checks.
 */
class CamelRouteMetricsTest extends ScriptedRouteTestSupport {

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.metrics.camel-routes", "true");
    }

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return ScriptedUpstream.json(200, upstreamAnswer("text-only"));
    }

    @Test
    void camels_route_meters_count_each_request_beside_the_proxys_own() throws Exception {
        PrometheusScrape before = scrape();
        HttpResponse<String> answer = postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(answer.statusCode()).isEqualTo(200);

        // both are counted as the exchange completes, just after the answer went out
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(after.sum("camel_exchanges_total", "routeId", "messages-ingress")
                    - before.sum("camel_exchanges_total", "routeId", "messages-ingress")).isEqualTo(1);
            assertThat(after.sum("ccproxy_requests_total", "route", "messages")
                    - before.sum("ccproxy_requests_total", "route", "messages")).isEqualTo(1);
        });
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"));
    }
}
