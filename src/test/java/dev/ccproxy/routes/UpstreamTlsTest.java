package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;

/**
 * TLS verification is always on, for both upstream clients: an upstream with a self-signed certificate (WireMock's
 * own) is a clear 502, streamed or not, never a silent downgrade; no request reaches it and none is retried.
 */
class UpstreamTlsTest extends ProxyRouteTestSupport {

    private static final WireMockServer SELF_SIGNED = new WireMockServer(options().dynamicPort().dynamicHttpsPort()
            .bindAddress("127.0.0.1"));

    static {
        SELF_SIGNED.start();
        SELF_SIGNED.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.base-url", "https://localhost:" + SELF_SIGNED.httpsPort() + "/v1");
    }

    @AfterAll
    void stopSelfSigned() {
        SELF_SIGNED.stop();
    }

    @Test
    void a_self_signed_upstream_is_a_clear_error_streamed_or_not() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            assertAnthropicError(postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 502, "api_error",
                    "TLS failure: the upstream's certificate could not be verified");
        }
        SELF_SIGNED.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }
}
