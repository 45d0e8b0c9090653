package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request shapes past the configured limits (here: nesting 32 deep, 3 messages, 2 tools) are refused with a 400 that
 * names the setting, before any upstream call, on /v1/messages and count_tokens alike; nesting far past any limit (a
 * hostile 100,000 levels) is refused the same way, with no stack overflow.
 */
class RequestLimitsTest extends ProxyRouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.server.max-json-depth", "32", "proxy.server.max-messages", "3",
                "proxy.server.max-tools", "2");
    }

    @BeforeEach
    void upstreamAnswers() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));
    }

    private static String request(int messages, int tools, String schemaExtra) {
        StringBuilder body = new StringBuilder("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[");
        for (int i = 0; i < messages; i++) {
            body.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"m").append(i).append("\"}");
        }
        body.append("],\"tools\":[");
        for (int i = 0; i < tools; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"t").append(i)
                    .append("\",\"input_schema\":{\"type\":\"object\"").append(schemaExtra).append("}}");
        }
        return body.append("]}").toString();
    }

    private static String nested(int depth) {
        return ",\"properties\":{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    @Test
    void a_request_within_the_limits_is_served() {
        HttpResponse<String> response = postMessages(request(3, 2, nested(20)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void too_many_messages_or_tools_are_refused_naming_the_setting() throws Exception {
        assertAnthropicError(postMessages(request(4, 1, "")), 400, "invalid_request_error",
                "messages: 4 messages, more than the 3 this proxy accepts (proxy.server.max-messages)");
        assertAnthropicError(postMessages(request(1, 3, "")), 400, "invalid_request_error",
                "tools: 3 tools, more than the 2 this proxy accepts (proxy.server.max-tools)");
        assertAnthropicError(send(java.net.http.HttpRequest.newBuilder(proxy("/v1/messages/count_tokens"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(4, 0, ""))).build()),
                400, "invalid_request_error", "proxy.server.max-messages");
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void nesting_past_the_limit_is_refused_whatever_its_depth() throws Exception {
        for (int depth : new int[] {40, 100_000}) {
            assertAnthropicError(postMessages(request(1, 1, nested(depth))), 400, "invalid_request_error",
                    "Request body nests arrays and objects deeper than this proxy accepts (proxy.server.max-json-depth)");
        }
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }
}
