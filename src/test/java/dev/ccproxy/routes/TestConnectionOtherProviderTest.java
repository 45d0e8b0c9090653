package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /test-connection} when the small model lives on another provider that speaks the Responses API: the
 * probe goes to that provider's URL, with its key, through the responses-api route.
 */
class TestConnectionOtherProviderTest extends ProxyRouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "proxy.providers.backup.base-url", upstream.baseUrl() + "/backup/v1",
                "proxy.providers.backup.api-key", "backup-key",
                "proxy.providers.backup.api", "responses",
                "proxy.models.small", "gpt-4.1-mini",
                "proxy.models.small-provider", "backup");
    }

    @Test
    void probes_the_small_model_on_its_own_provider() throws IOException {
        upstream.stubFor(WireMock.post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(responsesAnswer("reasoning-without-summary-is-left-out"))));

        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/test-connection")).GET().build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = ProxyJson.mapper().readTree(response.body());
        assertThat(report.path("provider").asText()).isEqualTo("backup");
        assertThat(report.path("api").asText()).isEqualTo("responses");
        assertThat(report.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(report.path("reply").asText()).as("the text, without the reasoning").isEqualTo("Done.");
        assertThat(response.body()).doesNotContain("backup-key").doesNotContain(UPSTREAM_KEY);
        JsonNode sent = onlyUpstreamRequest("/backup/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(sent.path("max_output_tokens").asInt()).isEqualTo(16);
        LoggedRequest request = upstream.getAllServeEvents().get(0).getRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer backup-key");
    }
}
