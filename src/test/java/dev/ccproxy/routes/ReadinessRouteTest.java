package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET|HEAD /health/ready} through the real routes: Camel's readiness checks behind it, UP once started, DOWN
 * (503, with only the failing checks) while a route is stopped, UP again when it runs again. {@code GET /health}
 * (liveness) stays as it was.
 */
class ReadinessRouteTest extends ProxyRouteTestSupport {

    @BeanInject
    CamelContext camelContext;

    private HttpResponse<String> ready(String method) {
        return send(HttpRequest.newBuilder(proxy("/health/ready"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void is_up_once_started_with_every_check_of_every_route_up() throws Exception {
        HttpResponse<String> response = ready("GET");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(ProxyJson.mapper().readTree(response.body())).isEqualTo(ProxyJson.mapper().readTree(
                "{\"status\":\"UP\"}"));
        // the checks really ran: the context's, and one per route (platform-http, direct) with its consumer's
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(camelContext);
        assertThat(results).extracting(result -> result.getCheck().getId())
                .contains("context", "tokenizer", "route:messages-ingress", "route:chat-completions", "route:health-ready",
                        "consumer:messages-ingress", "consumer:chat-completions");
        assertThat(results).allSatisfy(result -> assertThat(result.getState())
                .as(result.getCheck().getId()).isEqualTo(HealthCheck.State.UP));
        assertThat(ready("HEAD").statusCode()).isEqualTo(200);
    }

    @Test
    void is_down_while_a_route_is_stopped_and_names_only_the_failing_checks() throws Exception {
        camelContext.getRouteController().stopRoute("chat-completions");
        try {
            HttpResponse<String> response = ready("GET");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = ProxyJson.mapper().readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("checks")).isNotEmpty().allSatisfy(check -> {
                assertThat(check.path("id").asText()).endsWith(":chat-completions");
                assertThat(check.path("state").asText()).isEqualTo("DOWN");
                assertThat(check.path("message").asText()).isNotBlank();
            });
            assertThat(ready("HEAD").statusCode()).isEqualTo(503);
            // liveness is not readiness: the server still answers
            assertThat(send(HttpRequest.newBuilder(proxy("/health")).GET().build()).body())
                    .isEqualTo("{\"status\":\"ok\"}");
        } finally {
            camelContext.getRouteController().startRoute("chat-completions");
        }
        assertThat(ready("GET").statusCode()).isEqualTo(200);
    }
}
