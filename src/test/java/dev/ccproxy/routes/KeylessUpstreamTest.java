package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A keyless upstream (a local Ollama, vLLM): no Authorization at all, and never the client's own key. */
class KeylessUpstreamTest extends ProxyRouteTestSupport {

    private static final String HELLO =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.api-key", "");
    }

    @Test
    void sends_no_authorization_at_all_and_never_the_clients_key() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));

        assertThat(postMessages(HELLO, "Authorization", "Bearer client-token").statusCode()).isEqualTo(200);

        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withoutHeader("Authorization").withoutHeader("api-key"));
    }
}
