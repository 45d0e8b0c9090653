package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing of the client's request reaches the upstream but what the proxy itself sets, through either upstream client
 * (camel-http for a whole answer, Vert.x's for a stream): hop-by-hop headers, the client's credentials, forwarding
 * headers and anything else a client may send stay with the proxy; the upstream gets the provider's key and its own
 * host.
 */
class UpstreamHeaderHygieneTest extends ProxyRouteTestSupport {

    static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String[] HOSTILE = {
            "x-api-key", "sk-ant-client-key",
            "Proxy-Authorization", "Basic c2VjcmV0",
            "TE", "trailers",
            "Via", "1.1 evil",
            "X-Forwarded-Host", "evil.example",
            "X-Forwarded-For", "10.0.0.1",
            "Forwarded", "host=evil.example",
            "X-Original-URL", "/admin",
            "X-HTTP-Method-Override", "DELETE",
            "Cookie", "session=secret",
            "anthropic-beta", "interleaved-thinking-2025-05-14",
            "X-Claude-Code-Session-Id", "5b0e8f3c-2d1a-4c6b-9e7f-0a1b2c3d4e5f",
            "traceparent", "00-" + CLIENT_TRACE + "-00f067aa0ba902b7-01",
            "tracestate", "congo=t61rcWkgMzE",
            "baggage", "userId=alice"};

    /** What the upstream may see: the proxy's own headers and what an HTTP client itself sends. */
    static final Set<String> ALLOWED = Set.of("authorization", "content-type", "content-length", "host",
            "connection", "user-agent", "accept-encoding", "transfer-encoding");

    @ParameterizedTest(name = "stream: {0}")
    @ValueSource(booleans = {false, true})
    void only_the_proxys_own_headers_go_upstream(boolean stream) {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(stream
                ? aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody("data: " + String.join("\n\ndata: ", Chunks.answer("Hi")) + "\n\n")
                : okJson(upstreamAnswer("text-only"))));

        postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", HOSTILE);

        List<LoggedRequest> sent = upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.get(0);
        Set<String> names = request.getHeaders().keys().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertThat(names).isSubsetOf(allowed());
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(request.getHeader("Host")).isEqualTo("localhost:" + upstream.port());
        assertThat(request.getUrl()).isEqualTo("/v1/chat/completions");
        assertTraceContext(request);
    }

    /** What the upstream may see. */
    protected Set<String> allowed() {
        return ALLOWED;
    }

    /** Tracing is off by default: no trace context at all, the client's included. */
    protected void assertTraceContext(LoggedRequest request) {
        assertThat(request.containsHeader("traceparent")).isFalse();
    }
}
