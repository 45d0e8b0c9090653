package dev.ccproxy.tracing;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing on with nothing but the standard OTEL_* configuration (here as -Dotel.* properties): the SDK the proxy builds
 * sends its spans over OTLP (HTTP/protobuf to a collector stub, batched), named after the proxy.
 */
class TracingExportTest extends ProxyRouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.tracing.enabled", "true",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.traces.endpoint", upstream.baseUrl() + "/v1/traces",
                "otel.bsp.schedule.delay", "100");
    }

    @Test
    void spans_go_to_the_otlp_endpoint_the_environment_names() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/traces")).willReturn(WireMock.ok()));

        assertThat(postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exported().contains("POST /v1/messages"));
        List<LoggedRequest> exports = upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/traces")));
        assertThat(exports.get(0).getHeader("Content-Type")).isEqualTo("application/x-protobuf");
        // protobuf keeps strings as they are: the resource's service name and the upstream model are readable
        assertThat(exported()).contains("claude-code-proxy").contains("proxy.model.upstream").contains("gpt-4o");
    }

    /** Everything exported so far, as text. */
    private String exported() {
        StringBuilder all = new StringBuilder();
        for (LoggedRequest export : upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/traces")))) {
            all.append(new String(export.getBody(), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}
