package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claude Code's connectivity preflight ({@code HEAD /}, {@code HEAD /api/hello}) and their GETs: 200 without a client
 * key even when the proxy requires one, a small JSON body, no upstream call.
 */
class ConnectivityRouteTest extends ProxyRouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.client.api-key", "client-key-required-elsewhere");
    }

    private HttpResponse<String> call(String method, String path) {
        return send(HttpRequest.newBuilder(proxy(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "Bun/1.2.19").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/hello"})
    void head_answers_200_without_a_key_or_a_body(String path) {
        HttpResponse<String> response = call("HEAD", path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().map().keySet()).map(String::toLowerCase).doesNotContain("user-agent");
        upstream.verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/hello"})
    void get_says_which_service_answers(String path) {
        HttpResponse<String> response = call("GET", path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"service\":\"claude-code-proxy\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/hello"})
    void other_methods_get_an_anthropic_405(String path) throws IOException {
        assertAnthropicError(call("POST", path), 405, "invalid_request_error", "not allowed");
    }
}
