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

/** Azure OpenAI: the key as {@code api-key}, {@code ?api-version=}, and the {@code CUSTOM_HEADER_*} headers. */
class AzureUpstreamTest extends ProxyRouteTestSupport {

    private static final String HELLO =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.azure-api-version", "2024-10-21",
                "proxy.upstream.headers.X-Team", "platform",
                "proxy.upstream.headers.X-API-KEY", "gateway-key");
    }

    @Test
    void sends_the_key_as_api_key_with_the_api_version_and_the_custom_headers() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));

        assertThat(postMessages(HELLO, "x-api-key", "client-key").statusCode()).isEqualTo(200);

        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions?api-version=2024-10-21"))
                .withHeader("api-key", equalTo(UPSTREAM_KEY))
                .withoutHeader("Authorization")
                .withHeader("X-Team", equalTo("platform"))
                .withHeader("X-API-KEY", equalTo("gateway-key")));
    }
}
